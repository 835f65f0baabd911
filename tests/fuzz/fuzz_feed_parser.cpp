// libFuzzer: the whole feed parser (RSS 0.9x/1.0/2.0, RDF, Atom, JSON Feed, with encoding
// detection, entities, dates, URL resolution and HTML→text inside) on arbitrary bytes. The
// first byte picks a Content-Type hint, so charset and HTML detection are exercised too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/feed_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::string_view kTypes[] = {
      "", "application/rss+xml", "text/xml; charset=iso-8859-1", "text/html; charset=utf-8",
      "application/feed+json", "application/atom+xml; charset=windows-1252",
      "text/xml; charset=utf-16", "text/plain; charset=koi8-r"};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string_view type = size > 0 ? kTypes[data[0] % std::size(kTypes)] : "";
  hw::feeds::FeedHints hints;
  // Errors are values; anything else (a crash, a sanitizer report, an exception) is a bug.
  (void)hw::feeds::parse_feed(bytes, "https://fuzz.example/dir/feed.xml", type, &hints);
  return 0;
}
