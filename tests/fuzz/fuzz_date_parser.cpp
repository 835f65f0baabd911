// libFuzzer: RFC 822/1123/3339, ISO 8601 and the lenient forms feeds use in the wild.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/date_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)hw::feeds::parse_date(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
