// libFuzzer: hypewatch.toml. Bad input must be a ConfigError (FILE:LINE:COL: message); any
// other exception, crash or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/config.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)hw::app::parse_config(std::string_view(reinterpret_cast<const char*>(data), size),
                                "/nonexistent/fuzz/hypewatch.toml");
  } catch (const hw::ConfigError&) {
  }
  return 0;
}
