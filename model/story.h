#pragma once
// Value types produced by the parser and consumed by the store and the matcher.
#include <optional>
#include <string>
#include <vector>

#include "util/time.h"

namespace hw {

// One item of a feed, whatever the format. All text is valid UTF-8; summary and content are
// plain text (HTML stripped, entities decoded).
struct Story {
  std::string guid;  // as written in the feed (RSS guid, RDF rdf:about, Atom id); may be empty
  std::string link;  // resolved against xml:base and the document URI
  std::string title;
  std::string summary;  // RSS description / Atom summary
  std::string content;  // content:encoded / Atom content
  std::optional<TimePoint> published;
  std::optional<TimePoint> updated;
};

// A parsed feed document.
struct ParsedFeed {
  std::string format;  // rss090 rss091 rss092 rss093 rss094 rss20 rss rss10 atom03 atom10
  std::string title;
  std::string link;
  std::vector<Story> items;
};

}  // namespace hw

namespace hw {

// The key a story is deduplicated by within its feed: the guid when present, otherwise a
// stable fallback derived from the link, or lacking one from title + published time. It
// never depends on summary/content, so an edited article stays the same story.
std::string story_key(const Story& story);

}  // namespace hw
