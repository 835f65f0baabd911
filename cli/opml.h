#pragma once
// OPML 1.0/2.0 subscription lists: `hypewatch feeds import FILE.opml` and `feeds export`.
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace hw::cli {

struct OpmlFeed {
  std::string url;    // xmlUrl
  std::string title;  // title, else text
};

// Every <outline> with an xmlUrl, at any depth (categories are flattened), in document order,
// without duplicates. DTDs are never expanded. Errors name `label` (the file) and the line:
// "subs.opml:3: XML error: …", "subs.opml: not OPML (root element <rss>)".
Expected<std::vector<OpmlFeed>> parse_opml(std::string_view bytes, std::string_view label);

// An OPML 2.0 document listing `feeds` (type="rss", as readers expect for any feed format).
std::string write_opml(const std::vector<OpmlFeed>& feeds, std::string_view title);

}  // namespace hw::cli
