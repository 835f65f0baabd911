#include "feeds/feed_parser.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "feeds/atom_parser.h"
#include "feeds/encoding.h"
#include "feeds/html_text.h"
#include "feeds/json_feed_parser.h"
#include "feeds/rss_parser.h"
#include "feeds/xml_text.h"

namespace hw::feeds {
namespace {

// Far above any real feed; keeps a hostile or runaway response from costing the daemon
// hundreds of MiB once decoded and parsed.
constexpr std::size_t kMaxDocumentBytes = 32u << 20;

// No parse_doctype: the DTD is skipped, so declared entities are never expanded (billion
// laughs, XXE). parse_ws_pcdata keeps the spaces between adjacent CDATA sections.
constexpr unsigned kParseFlags = pugi::parse_cdata | pugi::parse_escapes |
                                 pugi::parse_wconv_attribute | pugi::parse_eol |
                                 pugi::parse_ws_pcdata;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// Skips whitespace, the XML declaration, comments and processing instructions.
std::string_view skip_prolog(std::string_view s) {
  while (true) {
    while (!s.empty() && is_space(s.front()))
      s.remove_prefix(1);
    std::string_view close;
    if (s.starts_with("<?"))
      close = "?>";
    if (s.starts_with("<!--"))
      close = "-->";
    if (close.empty())
      return s;
    const std::size_t end = s.find(close);
    if (end == std::string_view::npos)
      return {};
    s.remove_prefix(end + close.size());
  }
}

// XHTML doctypes turn up on real feeds, so only the root element decides.
bool looks_like_html(std::string_view doc) {
  std::string_view s = skip_prolog(doc);
  if (starts_with_nocase(s, "<!doctype")) {
    const std::size_t end = s.find('>');
    if (end == std::string_view::npos)
      return false;
    s = skip_prolog(s.substr(end + 1));
  }
  return starts_with_nocase(s, "<html");
}

std::string describe_non_xml(std::string_view raw, std::string_view text) {
  if (raw.starts_with("\x1f\x8b"))
    return "gzip-compressed data (no Content-Encoding?)";
  if (text.starts_with('{') || text.starts_with('['))
    return "JSON document";
  return "text that does not start with '<'";
}

bool contains_feed_root(std::string_view s) {
  return s.find("<rss") != std::string_view::npos || s.find("<feed") != std::string_view::npos ||
         s.find("RDF") != std::string_view::npos || s.find(":rss") != std::string_view::npos ||
         s.find(":feed") != std::string_view::npos;
}

int line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// A document cut off in transit fails only at its very end; everything before the cut is
// intact, so it is worth keeping.
bool is_truncation(const pugi::xml_parse_result& result, std::string_view xml) {
  const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
  if (offset < xml.size() && !std::all_of(xml.begin() + offset, xml.end(), is_space)) {
    // pugixml reports an unterminated tag at the tag's start; accept that only when the tag
    // runs to the end of the input.
    const std::string_view rest = xml.substr(offset);
    if (rest.find('>') != std::string_view::npos)
      return false;
  }
  return result.status == pugi::status_end_element_mismatch ||
         result.status == pugi::status_bad_end_element ||
         result.status == pugi::status_bad_start_element ||
         result.status == pugi::status_bad_cdata || result.status == pugi::status_bad_comment ||
         result.status == pugi::status_bad_pcdata || result.status == pugi::status_bad_attribute ||
         result.status == pugi::status_unrecognized_tag;
}

// True when the last item or entry of a truncated document lost its closing tag. Names of
// in-place parsed nodes point into `buffer`, whose untouched twin `xml` still has the text
// after them.
bool last_item_is_cut(const pugi::xml_document& document, std::string_view buffer,
                      std::string_view xml) {
  pugi::xml_node n = document;
  while (n.last_child())
    n = n.last_child();
  for (; n && n != document; n = n.parent()) {
    const std::string_view name = local_name(n);
    if (n.type() != pugi::node_element || (name != "item" && name != "entry"))
      continue;
    const auto offset = static_cast<std::size_t>(n.name() - buffer.data());
    if (offset >= xml.size())
      return true;
    return xml.find("</" + std::string(n.name()), offset) == std::string_view::npos;
  }
  return false;
}

// RSS 2.0 <channel><ttl>: minutes the channel may be cached. Nonsense values are ignored.
std::optional<std::chrono::seconds> ttl_of(pugi::xml_node rss) {
  for (pugi::xml_node channel : rss.children()) {
    if (local_name(channel) != "channel") {
      continue;
    }
    for (pugi::xml_node child : channel.children()) {
      if (local_name(child) == "ttl" && child.type() == pugi::node_element) {
        const std::string text(trim_xml(direct_text(child)));
        char* end = nullptr;
        const long minutes = std::strtol(text.c_str(), &end, 10);
        if (!text.empty() && end != nullptr && *end == '\0' && minutes > 0 &&
            minutes <= 7 * 24 * 60) {
          return std::chrono::minutes{minutes};
        }
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

pugi::xml_node root_element(const pugi::xml_document& document) {
  for (pugi::xml_node child : document.children()) {
    if (child.type() == pugi::node_element)
      return child;
  }
  return {};
}

Expected<ParsedFeed> parse_unguarded(std::string_view bytes, std::string_view base_uri,
                                     std::string_view content_type, FeedHints* hints) {
  if (bytes.size() > kMaxDocumentBytes) {
    return fail("document too large: " + std::to_string(bytes.size()) + " bytes (limit " +
                std::to_string(kMaxDocumentBytes) + ")");
  }
  const DecodedText decoded = decode_to_utf8(bytes, content_type);
  std::string_view text = decoded.utf8;
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return fail("not a feed: empty document");
  std::size_t start = first;
  // Servers print warnings before the declaration; the feed after it is still fine. A
  // declaration after a feed's root start tag is only quoted content, so it never counts.
  const std::size_t declaration = text.find("<?xml", first);
  if (declaration != std::string_view::npos && declaration > first &&
      !contains_feed_root(text.substr(first, declaration - first))) {
    start = declaration;
  } else if (text[first] != '<') {
    if (looks_like_json_feed(text.substr(first))) {
      return parse_json_feed(text.substr(first), base_uri);
    }
    return fail("not a feed: " + describe_non_xml(bytes, text.substr(first)));
  }
  const int skipped_lines = line_at(text, start) - 1;
  text.remove_prefix(start);
  if (looks_like_html(text))
    return fail("not a feed: HTML document");

  const std::string xml = numeric_html_entities(text);
  std::string buffer = xml;  // parsed in place; `xml` stays intact for truncation checks
  pugi::xml_document document;
  const pugi::xml_parse_result result =
      document.load_buffer_inplace(buffer.data(), buffer.size(), kParseFlags, pugi::encoding_utf8);
  const auto xml_error = [&] {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    return fail("XML error at line " + std::to_string(skipped_lines + line_at(xml, offset)) + ": " +
                result.description());
  };
  const bool truncated = !result && is_truncation(result, xml);
  if (!result && !truncated) {
    if (content_type.find("html") != std::string_view::npos) {
      return fail("not a feed: HTML document");
    }
    return xml_error();
  }

  const pugi::xml_node root = root_element(document);
  if (!root)
    return fail("not a feed: no root element");
  const std::string_view name = local_name(root);
  ParsedFeed feed;
  if (name == "rss") {
    feed = parse_rss(root, base_uri);
    if (hints != nullptr) {
      hints->ttl = ttl_of(root);
    }
  } else if (name == "RDF") {
    feed = parse_rdf(root, base_uri);
  } else if (name == "feed") {
    feed = parse_atom(root, base_uri);
  } else {
    return fail("not a feed: root element <" + std::string(root.name()) + ">");
  }
  if (truncated) {
    if (!feed.items.empty() && last_item_is_cut(document, buffer, xml))
      feed.items.pop_back();
    // A cut-off document that yields nothing is reported as the XML error it is.
    if (feed.items.empty() && feed.title.empty())
      return xml_error();
  }
  return feed;
}

}  // namespace

Expected<ParsedFeed> parse_feed(std::string_view bytes, std::string_view base_uri,
                                std::string_view content_type, FeedHints* hints) {
  // The bytes come from anyone on the network. An exception from a library deep inside
  // (nlohmann, pugixml, the standard library) is a defect of ours, but it must cost one feed,
  // not the daemon: it becomes this document's error and the other feeds go on.
  try {
    return parse_unguarded(bytes, base_uri, content_type, hints);
  } catch (const std::exception& e) {
    return fail(std::string("parser failure: ") + e.what());
  }
}

}  // namespace hw::feeds
