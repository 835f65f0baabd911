// libFuzzer: resolving links from feeds against the document URI (RFC 3986 section 5).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/uri.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\n');
  if (split == std::string_view::npos) {
    (void)hw::feeds::resolve_uri("https://fuzz.example/a/b/feed.xml?q=1", input);
    return 0;
  }
  (void)hw::feeds::resolve_uri(input.substr(0, split), input.substr(split + 1));
  return 0;
}
