#pragma once
#include <string_view>

#include "model/story.h"
#include "util/error.h"

namespace hw::feeds {

// Parses RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 bytes into a ParsedFeed.
//  - base_uri: the URI the document was fetched from (relative links resolve against it,
//    then against xml:base); empty = none.
//  - content_type: the HTTP Content-Type, if any (its charset is a hint for the encoding).
// Errors are values: "not a feed: root element <html>", "XML error at line 12: ...".
// The caller adds the file/feed name as context.
Expected<ParsedFeed> parse_feed(std::string_view bytes, std::string_view base_uri = {},
                                std::string_view content_type = {});

}  // namespace hw::feeds
