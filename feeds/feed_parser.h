#pragma once
#include <chrono>
#include <optional>
#include <string_view>

#include "model/story.h"
#include "util/error.h"

namespace hw::feeds {

// What a document says about how often to poll it (RSS <ttl>, in minutes, as seconds).
struct FeedHints {
  std::optional<std::chrono::seconds> ttl;
};

// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 bytes into a ParsedFeed.
//  - base_uri: the URI the document was fetched from (relative links resolve against it,
//    then against xml:base); empty = none.
//  - content_type: the HTTP Content-Type, if any (its charset is a hint for the encoding).
// Errors are values: "not a feed: root element <html>", "XML error at line 12: ...".
// The caller adds the file/feed name as context.
Expected<ParsedFeed> parse_feed(std::string_view bytes, std::string_view base_uri = {},
                                std::string_view content_type = {}, FeedHints* hints = nullptr);

}  // namespace hw::feeds
