#pragma once
// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with nlohmann::json.
#include <string_view>

#include "model/story.h"
#include "util/error.h"

namespace hw::feeds {

// True when `utf8` is a JSON object whose "version" names a jsonfeed.org version.
bool looks_like_json_feed(std::string_view utf8);

// `utf8` is the whole document (JSON is UTF-8 by definition; the caller has decoded it).
// Field mapping: id → guid, url → link (resolved against home_page_url / the document URI),
// title, summary, content_text (else content_html as text) → content, date_published /
// date_modified (RFC 3339) → published / updated. Unknown fields are ignored; items that are
// not objects are skipped. Errors: "JSON error at byte N: …", "not a feed: …".
Expected<ParsedFeed> parse_json_feed(std::string_view utf8, std::string_view document_uri);

}  // namespace hw::feeds
