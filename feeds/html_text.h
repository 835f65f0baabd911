#pragma once
// HTML fragments (escaped in RSS descriptions, Atom type="html") to plain text.
#include <optional>
#include <string>
#include <string_view>

namespace hw::feeds {

// Plain text of an HTML fragment: tags dropped, script/style skipped, entities decoded,
// whitespace collapsed, block boundaries kept as spaces. Parsed with gumbo; fragments with
// so many tags that gumbo's recursive tree teardown could exhaust the stack take a simple
// tag-stripping path instead. Simple fragments (well-nested common tags such as p, br, a, b,
// div, lists, headings, img; character references gumbo decodes the same way) skip gumbo and
// are read by a single scan with the same result; everything else goes to gumbo.
std::string html_to_text(std::string_view html);

// Test hooks for html_to_text: the gumbo-free scan (nullopt when the fragment is not simple
// enough for it) and the gumbo path alone.
std::optional<std::string> html_to_text_fast(std::string_view html);
std::string html_to_text_gumbo(std::string_view html);

// Runs of whitespace become one space; leading and trailing whitespace goes.
std::string collapse_whitespace(std::string_view text);

// The code point of an HTML named entity (without & and ;), for the common ones.
std::optional<char32_t> html_entity(std::string_view name);

void append_utf8(std::string& out, char32_t cp);

// Rewrites HTML named entities that XML does not define (&nbsp; &eacute; &hellip; ...) as
// numeric character references, outside CDATA sections and comments. Feeds use them without
// declaring them; pugixml would otherwise keep them as literal "&nbsp;" text.
std::string numeric_html_entities(std::string_view xml);

}  // namespace hw::feeds
