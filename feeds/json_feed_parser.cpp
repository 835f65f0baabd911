#include "feeds/json_feed_parser.h"

#include <nlohmann/json.hpp>

#include "feeds/date_parser.h"
#include "feeds/html_text.h"
#include "feeds/uri.h"

namespace hw::feeds {
namespace {

using nlohmann::json;

// A string member, or empty when absent or of another type (feeds in the wild put numbers
// in "id"; those are kept as their JSON text so the guid stays stable).
std::string string_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return {};
  }
  if (it->is_string()) {
    return it->get<std::string>();
  }
  if (it->is_number()) {
    return it->dump();
  }
  return {};
}

std::string version_of(const json& doc) {
  const std::string v = string_of(doc, "version");
  if (v.starts_with("https://jsonfeed.org/version/") ||
      v.starts_with("http://jsonfeed.org/version/")) {
    return v.substr(v.rfind('/') + 1);
  }
  return {};
}

}  // namespace

bool looks_like_json_feed(std::string_view utf8) {
  const auto first = utf8.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || utf8[first] != '{') {
    return false;
  }
  // Cheap pre-check before a full parse: the version URL must be in there somewhere.
  return utf8.find("jsonfeed.org/version/") != std::string_view::npos;
}

Expected<ParsedFeed> parse_json_feed(std::string_view utf8, std::string_view document_uri) {
  json doc;
  try {
    // Depth is bounded by nlohmann's parser being recursive; 32 MiB of '[' would overflow the
    // stack, so refuse absurd nesting first.
    int depth = 0, max_depth = 0;
    bool in_string = false, escaped = false;
    for (char c : utf8) {
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        max_depth = std::max(max_depth, ++depth);
      } else if (c == '}' || c == ']') {
        --depth;
      }
    }
    if (max_depth > 200) {
      return fail("not a feed: JSON nested " + std::to_string(max_depth) + " levels deep");
    }
    doc = json::parse(utf8.begin(), utf8.end());
  } catch (const json::parse_error& e) {
    return fail("JSON error at byte " + std::to_string(e.byte) + ": " +
                std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
  } catch (const json::exception& e) {
    // Not only syntax: a number too large for a double ({"id":1e999}) is out_of_range 406.
    // Whatever nlohmann refuses is a bad document, never a reason to stop the daemon.
    const std::string what = e.what();
    return fail("JSON error: " + what.substr(what.find(' ') + 1));
  }
  if (!doc.is_object()) {
    return fail("not a feed: JSON document that is not an object");
  }
  const std::string version = version_of(doc);
  if (version.empty()) {
    return fail("not a feed: JSON document without a jsonfeed.org version");
  }
  ParsedFeed feed;
  feed.format = version == "1" ? "json10" : "json11";
  feed.title = collapse_whitespace(string_of(doc, "title"));
  const std::string home = string_of(doc, "home_page_url");
  feed.link = home.empty() ? std::string() : resolve_uri(document_uri, home);
  const std::string base = feed.link.empty() ? std::string(document_uri) : feed.link;

  auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) {
    if (feed.title.empty()) {
      return fail("not a feed: JSON Feed without items");
    }
    return feed;
  }
  for (const json& item : *items) {
    if (!item.is_object()) {
      continue;
    }
    Story s;
    s.guid = string_of(item, "id");
    std::string url = string_of(item, "url");
    if (url.empty()) {
      url = string_of(item, "external_url");
    }
    s.link = url.empty() ? std::string() : resolve_uri(base, url);
    s.title = collapse_whitespace(string_of(item, "title"));
    s.summary = collapse_whitespace(string_of(item, "summary"));
    const std::string text = string_of(item, "content_text");
    s.content =
        !text.empty() ? collapse_whitespace(text) : html_to_text(string_of(item, "content_html"));
    s.published = parse_date(string_of(item, "date_published"));
    s.updated = parse_date(string_of(item, "date_modified"));
    feed.items.push_back(std::move(s));
  }
  return feed;
}

}  // namespace hw::feeds
