// Links models/stance-model.txt into the program as bytes between two symbols. The path comes
// from CMake (HW_STANCE_MODEL_FILE), which also makes this file depend on the model.
#ifndef HW_STANCE_MODEL_FILE
#error "HW_STANCE_MODEL_FILE must name the stance model file"
#endif

__asm__(
    ".section .rodata\n"
    ".global hw_stance_model_begin\n"
    "hw_stance_model_begin:\n"
    ".incbin \"" HW_STANCE_MODEL_FILE
    "\"\n"
    ".global hw_stance_model_end\n"
    "hw_stance_model_end:\n"
    ".byte 0\n"
    ".previous\n");
