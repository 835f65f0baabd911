// libFuzzer: the JSON Feed parser on arbitrary bytes (the 1e999 crash of issue 14 lived here).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/json_feed_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)hw::feeds::looks_like_json_feed(bytes);
  (void)hw::feeds::parse_json_feed(bytes, "https://fuzz.example/feed.json");
  return 0;
}
