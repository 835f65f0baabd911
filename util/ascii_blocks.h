#pragma once
// Bytes classified 64 at a time into bit masks (bit i: byte i), for the scans that cut ASCII
// text into words without a decision per byte: the matcher's word scan
// (rules/rule_word_scan.cpp) and the full-text tokenizer (storage/fts_tokenizer.cpp). With SSE2
// (every x86-64) 16 bytes per instruction; elsewhere a byte at a time.
#include <cstddef>
#include <cstdint>

namespace hw::ascii {

struct BlockClasses {
  std::uint64_t alnum = 0;  // A-Z a-z 0-9
  std::uint64_t digit = 0;  // 0-9
  std::uint64_t point = 0;  // '.'
  std::uint64_t high = 0;   // not ASCII (the other masks are meaningless where this is set)
};

// The classes of the 64 bytes at `block` (all 64 are read).
BlockClasses classify64(const unsigned char* block);

// The classes of the `size` (at most 64) bytes at `bytes`, the rest of the block taken as
// bytes of no class (0).
BlockClasses classify_tail(const unsigned char* bytes, std::size_t size);

}  // namespace hw::ascii
