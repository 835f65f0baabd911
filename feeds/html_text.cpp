#include "feeds/html_text.h"

#include <cstring>

#include "feeds/byte_scan.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "util/utf8.h"

namespace hw::feeds {
namespace {

// Tags beyond this count skip gumbo (see html_text.h).
constexpr std::size_t kMaxGumboTags = 5000;

struct GumboDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboDeleter>;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_inline(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_U:
      return true;
    default:
      return false;
  }
}

std::string gumbo_text(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the error list is never read
  const GumboPtr output(gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!output)
    return {};
  std::string out;
  // Explicit stack: no recursion over the tree.
  std::vector<const GumboNode*> stack{output->root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node == nullptr) {
      out += ' ';  // closing a block element
      continue;
    }
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        out += node->v.text.text;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboTag tag = node->v.element.tag;
        if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE)
          break;
        const bool block = !is_inline(tag);
        if (block) {
          out += ' ';
          stack.push_back(nullptr);
        }
        const GumboVector& children = node->v.element.children;
        for (unsigned i = children.length; i > 0; --i) {
          stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
        }
        break;
      }
      case GUMBO_NODE_DOCUMENT: {
        const GumboVector& children = node->v.document.children;
        for (unsigned i = children.length; i > 0; --i) {
          stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

// Appends the character reference starting at s[i] == '&', returning the length consumed,
// or 0 when it is not a reference we know.
std::size_t decode_reference(std::string_view s, std::size_t i, std::string& out) {
  const std::size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 32)
    return 0;
  const std::string_view name = s.substr(i + 1, semi - i - 1);
  if (name.size() >= 2 && name[0] == '#') {
    char32_t cp = 0;
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7)
      return 0;
    for (char c : digits) {
      int v = -1;
      if (c >= '0' && c <= '9')
        v = c - '0';
      if (hex && c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
      if (v < 0)
        return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
    }
    append_utf8(out, cp);
    return semi - i + 1;
  }
  static constexpr std::array<std::pair<std::string_view, char32_t>, 5> kXml = {
      {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}}};
  for (const auto& [n, cp] : kXml) {
    if (n == name) {
      append_utf8(out, cp);
      return semi - i + 1;
    }
  }
  if (const auto cp = html_entity(name)) {
    append_utf8(out, *cp);
    return semi - i + 1;
  }
  return 0;
}

// Fallback for pathological fragments: drop tags, decode references, no tree at all.
std::string strip_tags(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      const std::size_t close = html.find('>', i);
      out += ' ';
      i = close == std::string_view::npos ? html.size() : close + 1;
    } else if (html[i] == '&') {
      const std::size_t used = decode_reference(html, i, out);
      if (used == 0)
        out += '&';
      i += used == 0 ? 1 : used;
    } else {
      out += html[i++];
    }
  }
  return out;
}

// ---- Fast path: simple fragments without gumbo ----------------------------------------------
// A single forward scan that accepts only markup whose gumbo tree is predictable: whitelisted
// tags, strictly nested, no construct that makes the HTML5 tree builder close or reopen
// elements implicitly, references that gumbo decodes the same way. Everything else returns
// nullopt and goes to gumbo. The output is what gumbo_text would give (before collapsing):
// text in document order, a space at every tag of a non-inline element.

bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
         tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool is_void_tag(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_HR;
}

// The tags the fast path knows; all others (and FONT, which foreign content treats specially)
// go to gumbo.
bool is_fast_tag(GumboTag tag) {
  if (tag == GUMBO_TAG_FONT)
    return false;
  if (is_inline(tag) || is_heading(tag))
    return true;
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

// Start tags (of the known ones) that close an open <p> in the HTML5 tree builder.
bool closes_p(GumboTag tag) {
  return !is_inline(tag) && tag != GUMBO_TAG_BR && tag != GUMBO_TAG_IMG;
}

std::optional<GumboTag> fast_tag(std::string_view name) {
  std::array<char, 12> lower{};
  if (name.empty() || name.size() > lower.size())
    return std::nullopt;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const GumboTag tag = gumbo_tagn_enum(lower.data(), static_cast<unsigned>(name.size()));
  if (tag == GUMBO_TAG_UNKNOWN || !is_fast_tag(tag))
    return std::nullopt;
  return tag;
}

// A code point gumbo passes through unchanged, whether literal or from a reference: no
// controls, C1, surrogates, noncharacters or BOM.
bool is_plain_code_point(char32_t cp) {
  if (cp < 0x20)
    return cp == '\t' || cp == '\n';
  if (cp >= 0x7F && cp <= 0x9F)
    return false;
  if (cp >= 0xD800 && cp <= 0xDFFF)
    return false;
  if (cp >= 0xFDD0 && cp <= 0xFDEF)
    return false;
  if ((cp & 0xFFFE) == 0xFFFE || cp == 0xFEFF)
    return false;
  return cp <= 0x10FFFF;
}

// Length of the valid UTF-8 sequence at s[i] (lead byte >= 0x80) whose code point is plain,
// else 0.
std::size_t utf8_plain_length(std::string_view s, std::size_t i) {
  const Utf8Char c = decode_utf8(s, i);
  return c.length > 0 && is_plain_code_point(c.code_point) ? c.length : 0;
}

// The character reference at s[i] == '&' when it is a complete one (with ';') that gumbo
// decodes to the same plain code point: appends it and returns the length consumed, else 0.
std::size_t fast_reference(std::string_view s, std::size_t i, std::string& out) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex)
      ++j;
    const std::size_t start = j;
    char32_t cp = 0;
    while (j < s.size()) {
      const char c = s[j];
      int v = -1;
      if (c >= '0' && c <= '9')
        v = c - '0';
      else if (hex && c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
      if (v < 0)
        break;
      cp = std::min<char32_t>(cp * (hex ? 16 : 10) + static_cast<char32_t>(v), 0x110000);
      ++j;
    }
    if (j == start || j >= s.size() || s[j] != ';' || !is_plain_code_point(cp))
      return 0;
    append_utf8(out, cp);
    return j + 1 - i;
  }
  while (j < s.size() && j - i <= 10 && is_ascii_alnum(s[j]))
    ++j;
  if (j >= s.size() || s[j] != ';' || j == i + 1)
    return 0;
  const std::string_view name = s.substr(i + 1, j - i - 1);
  std::optional<char32_t> cp;
  if (name == "amp")
    cp = '&';
  else if (name == "lt")
    cp = '<';
  else if (name == "gt")
    cp = '>';
  else if (name == "quot")
    cp = '"';
  else
    cp = html_entity(name);  // HTML 4 names (apos too): HTML5 maps them to the same points
  if (!cp)
    return 0;
  append_utf8(out, *cp);
  return j + 1 - i;
}

// Skips the attributes of a start tag from s[i] (just after the tag name) to its '>'.
// Returns the index after '>' and sets self_closing, or npos for anything unusual.
std::size_t skip_attributes(std::string_view s, std::size_t i, bool& self_closing) {
  self_closing = false;
  while (true) {
    while (i < s.size() && is_html_space(s[i]))
      ++i;
    if (i >= s.size())
      return std::string_view::npos;
    if (s[i] == '>')
      return i + 1;
    if (s[i] == '/') {
      if (i + 1 < s.size() && s[i + 1] == '>') {
        self_closing = true;
        return i + 2;
      }
      return std::string_view::npos;
    }
    const std::size_t name_start = i;
    while (i < s.size() && (is_ascii_alnum(s[i]) || s[i] == '-' || s[i] == '_' || s[i] == ':' ||
                            s[i] == '.')) {
      ++i;
    }
    if (i == name_start || i >= s.size())
      return std::string_view::npos;
    while (i < s.size() && is_html_space(s[i]))
      ++i;
    if (i >= s.size())
      return std::string_view::npos;
    if (s[i] != '=')
      continue;  // attribute without a value; the next one (or the end) follows
    ++i;
    while (i < s.size() && is_html_space(s[i]))
      ++i;
    if (i >= s.size())
      return std::string_view::npos;
    if (s[i] == '"' || s[i] == '\'') {
      const std::size_t close = s.find(s[i], i + 1);
      if (close == std::string_view::npos)
        return std::string_view::npos;
      i = close + 1;
      if (i >= s.size() || !(is_html_space(s[i]) || s[i] == '>' || s[i] == '/'))
        return std::string_view::npos;
      continue;
    }
    const std::size_t value_start = i;
    while (i < s.size() && !is_html_space(s[i]) && s[i] != '>') {
      const char c = s[i];
      if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`')
        return std::string_view::npos;
      ++i;
    }
    if (i == value_start)
      return std::string_view::npos;
  }
}

// The raw text (before collapse_whitespace) of a simple fragment, or nullopt.
std::optional<std::string> fast_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::vector<GumboTag> open;  // strictly nested open elements
  std::size_t i = 0;
  while (i < s.size()) {
    // A run of plain text.
    const std::size_t run = i;
    while (i < s.size()) {
      // Plain printable ASCII without markup goes 8 bytes at a time.
      if (s.size() - i >= 8) {
        const std::uint64_t x = swar::load8(s.data() + i);
        if (!swar::any_high(x) && !swar::any_below(x, 0x20) &&
            (swar::bytes_equal(x, '<') | swar::bytes_equal(x, '&') |
             swar::bytes_equal(x, 0x7F)) == 0) {
          i += 8;
          continue;
        }
      }
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == '<' || c == '&')
        break;
      if (c < 0x20) {
        if (!is_html_space(static_cast<char>(c)))
          return std::nullopt;
        ++i;
      } else if (c < 0x7F) {
        ++i;
      } else if (c == 0x7F) {
        return std::nullopt;
      } else {
        const std::size_t len = utf8_plain_length(s, i);
        if (len == 0)
          return std::nullopt;
        i += len;
      }
    }
    out.append(s.substr(run, i - run));
    if (i >= s.size())
      break;

    if (s[i] == '&') {
      if (i + 1 >= s.size() || is_html_space(s[i + 1]) || s[i + 1] == '<' || s[i + 1] == '&') {
        out += '&';  // not a character reference
        ++i;
        continue;
      }
      const std::size_t used = fast_reference(s, i, out);
      if (used == 0)
        return std::nullopt;
      i += used;
      continue;
    }

    // s[i] == '<'
    if (i + 1 >= s.size())
      return std::nullopt;
    const char next = s[i + 1];
    if (next == '/') {
      std::size_t j = i + 2;
      const std::size_t name_start = j;
      while (j < s.size() && is_ascii_alnum(s[j]))
        ++j;
      if (j == name_start || !is_ascii_alpha(s[name_start]))
        return std::nullopt;
      const auto tag = fast_tag(s.substr(name_start, j - name_start));
      while (j < s.size() && is_html_space(s[j]))
        ++j;
      if (!tag || j >= s.size() || s[j] != '>' || open.empty() || open.back() != *tag)
        return std::nullopt;
      open.pop_back();
      if (!is_inline(*tag))
        out += ' ';
      i = j + 1;
      continue;
    }
    if (!is_ascii_alpha(next)) {
      if (next == '!' || next == '?')
        return std::nullopt;  // comment, CDATA, doctype, processing instruction
      out += '<';  // not a tag: the HTML tokenizer emits '<' as text
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && is_ascii_alnum(s[j]))
      ++j;
    const auto tag = fast_tag(s.substr(i + 1, j - i - 1));
    if (!tag || j >= s.size() || !(is_html_space(s[j]) || s[j] == '/' || s[j] == '>'))
      return std::nullopt;
    bool self_closing = false;
    const std::size_t end = skip_attributes(s, j, self_closing);
    if (end == std::string_view::npos || (self_closing && !is_void_tag(*tag)))
      return std::nullopt;
    // Anything that would make the tree builder close elements implicitly goes to gumbo.
    if (closes_p(*tag) && std::ranges::find(open, GUMBO_TAG_P) != open.end())
      return std::nullopt;
    if (is_heading(*tag) && std::ranges::any_of(open, is_heading))
      return std::nullopt;
    if (*tag == GUMBO_TAG_A && std::ranges::find(open, GUMBO_TAG_A) != open.end())
      return std::nullopt;
    if (*tag == GUMBO_TAG_LI) {
      for (auto it = open.rbegin(); it != open.rend(); ++it) {
        if (*it == GUMBO_TAG_LI)
          return std::nullopt;
        if (*it != GUMBO_TAG_DIV && *it != GUMBO_TAG_P && !is_inline(*it))
          break;
      }
    }
    if (!is_inline(*tag))
      out += is_void_tag(*tag) ? "  " : " ";
    if (!is_void_tag(*tag))
      open.push_back(*tag);
    i = end;
  }
  return out;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<char32_t> html_entity(std::string_view name) {
  // ISO-8859-1 entities, U+00A0 to U+00FF in order.
  static constexpr std::array<std::string_view, 96> kLatin1 = {
      "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
      "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
      "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
      "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
      "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
      "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
      "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
      "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
      "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
      "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
      "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
  for (std::size_t i = 0; i < kLatin1.size(); ++i) {
    if (kLatin1[i] == name)
      return static_cast<char32_t>(0xA0 + i);
  }
  static constexpr std::array<std::pair<std::string_view, char32_t>, 47> kOther = {{
      {"OElig", 338},   {"oelig", 339},   {"Scaron", 352},  {"scaron", 353},  {"Yuml", 376},
      {"fnof", 402},    {"circ", 710},    {"tilde", 732},   {"ensp", 8194},   {"emsp", 8195},
      {"thinsp", 8201}, {"zwnj", 8204},   {"zwj", 8205},    {"lrm", 8206},    {"rlm", 8207},
      {"ndash", 8211},  {"mdash", 8212},  {"lsquo", 8216},  {"rsquo", 8217},  {"sbquo", 8218},
      {"ldquo", 8220},  {"rdquo", 8221},  {"bdquo", 8222},  {"dagger", 8224}, {"Dagger", 8225},
      {"bull", 8226},   {"hellip", 8230}, {"permil", 8240}, {"prime", 8242},  {"Prime", 8243},
      {"lsaquo", 8249}, {"rsaquo", 8250}, {"euro", 8364},   {"trade", 8482},  {"larr", 8592},
      {"uarr", 8593},   {"rarr", 8594},   {"darr", 8595},   {"harr", 8596},   {"minus", 8722},
      {"ne", 8800},     {"le", 8804},     {"ge", 8805},     {"infin", 8734},  {"hearts", 9829},
      {"middot", 183},  {"apos", 39},
  }};
  for (const auto& [n, cp] : kOther) {
    if (n == name)
      return cp;
  }
  return std::nullopt;
}

std::string numeric_html_entities(std::string_view xml) {
  std::string out;
  out.reserve(xml.size());
  std::size_t i = 0;
  while (i < xml.size()) {
    const std::size_t amp = xml.find_first_of("&<", i);
    if (amp == std::string_view::npos)
      break;
    out.append(xml.substr(i, amp - i));
    i = amp;
    if (xml[i] == '<') {
      // Copy CDATA sections and comments verbatim: references are not references there.
      std::string_view close;
      if (xml.substr(i).starts_with("<![CDATA["))
        close = "]]>";
      if (xml.substr(i).starts_with("<!--"))
        close = "-->";
      if (close.empty()) {
        out += '<';
        ++i;
        continue;
      }
      const std::size_t end = xml.find(close, i);
      const std::size_t stop = end == std::string_view::npos ? xml.size() : end + close.size();
      out.append(xml.substr(i, stop - i));
      i = stop;
      continue;
    }
    std::size_t j = i + 1;
    while (j < xml.size() && j - i <= 10 &&
           ((xml[j] >= 'a' && xml[j] <= 'z') || (xml[j] >= 'A' && xml[j] <= 'Z') ||
            (xml[j] >= '0' && xml[j] <= '9'))) {
      ++j;
    }
    const std::string_view name = xml.substr(i + 1, j - i - 1);
    const bool xml_defined =
        name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
    if (j < xml.size() && xml[j] == ';' && !xml_defined) {
      if (const auto cp = html_entity(name)) {
        out += "&#" + std::to_string(static_cast<std::uint32_t>(*cp)) + ";";
        i = j + 1;
        continue;
      }
    }
    out += '&';
    ++i;
  }
  if (i < xml.size())
    out.append(xml.substr(i));
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  // Every byte of every text passes here: write through a pointer into a buffer of the
  // input's size (the output is never longer), 8 bytes at a time where they are plain words
  // and single spaces. A whitespace run becomes one space as soon as it starts, unless one
  // was just written or nothing was; a space left at the very end is dropped.
  std::string out(text.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  const char* r = text.data();
  const char* const end = r + text.size();
  while (r != end) {
    if (end - r >= 8) {
      const std::uint64_t x = swar::load8(r);
      const std::uint64_t spaces = swar::bytes_equal(x, ' ');
      // No tab/newline/CR/FF (nor other control), no two spaces in a row, and no space right
      // after a written space or at the start: the 8 bytes are copied as they are.
      const bool first_is_space = (spaces & 0x80) != 0;
      if (!swar::any_below(x, 0x20) && (spaces & (spaces << 8)) == 0 &&
          !(first_is_space && (w == begin || w[-1] == ' '))) {
        std::memcpy(w, r, 8);
        w += 8;
        r += 8;
        continue;
      }
    }
    const char c = *r++;
    if (!is_space(c)) {
      *w++ = c;
    } else if (w != begin && w[-1] != ' ') {
      *w++ = ' ';
    }
  }
  if (w != begin && w[-1] == ' ')
    --w;
  out.resize(static_cast<std::size_t>(w - begin));
  return out;
}

std::string html_to_text(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos)
    return collapse_whitespace(html);
  const auto tags = static_cast<std::size_t>(std::ranges::count(html, '<'));
  if (tags > kMaxGumboTags)
    return collapse_whitespace(strip_tags(html));
  if (auto text = fast_text(html))
    return collapse_whitespace(*text);
  return collapse_whitespace(gumbo_text(html));
}

std::optional<std::string> html_to_text_fast(std::string_view html) {
  auto text = fast_text(html);
  if (!text)
    return std::nullopt;
  return collapse_whitespace(*text);
}

std::string html_to_text_gumbo(std::string_view html) {
  return collapse_whitespace(gumbo_text(html));
}

}  // namespace hw::feeds
