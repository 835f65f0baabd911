// libFuzzer: OPML subscription lists (`hypewatch feeds import`).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cli/opml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto feeds =
      hw::cli::parse_opml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.opml");
  if (feeds) {
    (void)hw::cli::write_opml(*feeds, "round trip");
  }
  return 0;
}
