// libFuzzer: the claims file (claims.toml). Bad input must be a ConfigError with its position.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rules/claims_loader.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)hw::rules::parse_claims(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz-claims.toml");
  } catch (const hw::ConfigError&) {
  }
  return 0;
}
