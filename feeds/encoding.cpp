#include "feeds/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <optional>

#include "feeds/byte_scan.h"
#include "util/utf8.h"

namespace hw::feeds {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool starts_with_bytes(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix);
}

class Iconv {
 public:
  Iconv(const char* to, const char* from) : m_handle(iconv_open(to, from)) {}
  ~Iconv() {
    if (valid())
      iconv_close(m_handle);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool valid() const { return m_handle != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return m_handle; }

 private:
  iconv_t m_handle;
};

// Converts with iconv; a sequence iconv cannot decode costs one code unit and becomes U+FFFD
// so one bad byte never loses the rest of the document.
std::optional<std::string> convert(std::string_view input, const std::string& from,
                                   std::size_t unit) {
  Iconv cd("UTF-8", from.c_str());
  if (!cd.valid())
    return std::nullopt;
  std::string out;
  out.reserve(input.size() + input.size() / 2 + 16);
  char buffer[16384];
  char* in = const_cast<char*>(input.data());
  std::size_t in_left = input.size();
  while (in_left > 0) {
    char* o = buffer;
    std::size_t o_left = sizeof buffer;
    const std::size_t rc = iconv(cd.get(), &in, &in_left, &o, &o_left);
    out.append(buffer, static_cast<std::size_t>(o - buffer));
    if (rc != static_cast<std::size_t>(-1))
      continue;
    if (errno == E2BIG)
      continue;
    out += kReplacement;
    if (errno == EINVAL)
      break;  // truncated sequence at the end
    const std::size_t skip = std::min(unit, in_left);
    in += skip;
    in_left -= skip;
    iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);
  }
  return out;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  return decode_utf8(s, i).length;
}

struct Utf8Scan {
  bool valid = true;
  bool has_multibyte = false;
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan scan;
  for (std::size_t i = 0; i < s.size();) {
    // Feeds are mostly ASCII: skip 8 ASCII bytes at a time.
    if (i + 8 <= s.size() && !swar::any_high(swar::load8(s.data() + i))) {
      i += 8;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      scan.valid = false;
      ++i;
    } else {
      scan.has_multibyte |= n > 1;
      i += n;
    }
  }
  return scan;
}

// XML forbids C0 controls; NUL would also cut the buffer short in C string handling.
bool is_stripped_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && u != '\t' && u != '\n' && u != '\r';
}

std::string strip_controls(std::string text) {
  std::erase_if(text, is_stripped_control);
  return text;
}

// The same for text that is still a view: one copy, and only of what is kept.
std::string strip_controls(std::string_view text) {
  // The usual document has none: find that out 8 bytes at a time, then copy it whole.
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && !swar::any_below(swar::load8(text.data() + i), 0x20)) {
      i += 8;
    } else if (is_stripped_control(text[i])) {
      break;
    } else {
      ++i;
    }
  }
  if (i == text.size())
    return std::string(text);
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto bad = std::ranges::find_if(text, is_stripped_control);
    const auto keep = static_cast<std::size_t>(bad - text.begin());
    out.append(text.substr(0, keep));
    text.remove_prefix(std::min(text.size(), keep + 1));
  }
  return out;
}

// encoding="..." of an XML declaration at the very start of ASCII-compatible bytes.
std::string declared_encoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml"))
    return {};
  const std::size_t end = bytes.find("?>");
  const std::string_view decl = bytes.substr(0, end == std::string_view::npos ? 200 : end);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos)
    return {};
  std::size_t i = at + 8;
  while (i < decl.size() && (decl[i] == ' ' || decl[i] == '=' || decl[i] == '\t'))
    ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\''))
    return {};
  const char quote = decl[i++];
  const std::size_t close = decl.find(quote, i);
  if (close == std::string_view::npos)
    return {};
  return std::string(decl.substr(i, close - i));
}

bool is_utf8_name(const std::string& name) {
  return name == "utf-8" || name == "utf8";
}

// A UTF-16/32 label on bytes that we could read as ASCII is a lie; ignore it.
bool is_wide_name(const std::string& name) {
  return name.starts_with("utf-16") || name.starts_with("utf-32") || name.starts_with("ucs");
}

}  // namespace

std::string charset_of(std::string_view content_type) {
  const std::string lowered = lower(content_type);
  const std::size_t at = lowered.find("charset=");
  if (at == std::string::npos)
    return {};
  std::string value = lowered.substr(at + 8);
  const std::size_t end = value.find_first_of("; \t");
  if (end != std::string::npos)
    value.resize(end);
  std::erase(value, '"');
  std::erase(value, '\'');
  return value;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type) {
  struct Wide {
    std::string_view bom;
    std::string_view pattern;  // "<?" without a BOM
    const char* name;
    std::size_t unit;
  };
  // UTF-32LE must be tested before UTF-16LE: its BOM starts with FF FE too.
  static const Wide kWide[] = {
      {std::string_view("\x00\x00\xFE\xFF", 4), std::string_view("\x00\x00\x00<", 4), "UTF-32BE",
       4},
      {std::string_view("\xFF\xFE\x00\x00", 4), std::string_view("<\x00\x00\x00", 4), "UTF-32LE",
       4},
      {"\xFE\xFF", std::string_view("\x00<\x00?", 4), "UTF-16BE", 2},
      {"\xFF\xFE", std::string_view("<\x00?\x00", 4), "UTF-16LE", 2},
  };
  for (const Wide& w : kWide) {
    std::string_view body = bytes;
    if (starts_with_bytes(body, w.bom)) {
      body.remove_prefix(w.bom.size());
    } else if (!starts_with_bytes(body, w.pattern)) {
      continue;
    }
    if (auto out = convert(body, w.name, w.unit)) {
      return {strip_controls(repair_utf8(*out)), w.name};
    }
  }

  std::string_view body = bytes;
  if (body.starts_with("\xEF\xBB\xBF"))
    body.remove_prefix(3);

  std::string name = charset_of(content_type);
  if (name.empty() || is_wide_name(name))
    name = lower(declared_encoding(body));
  if (is_wide_name(name))
    name.clear();

  if (!name.empty() && !is_utf8_name(name) && name != "us-ascii" && name != "ascii") {
    std::string iconv_name = name;
    // Real feeds labelled latin-1 routinely use the windows-1252 punctuation range.
    if (name == "iso-8859-1" || name == "latin1" || name == "iso8859-1" || name == "l1") {
      iconv_name = "WINDOWS-1252";
    }
    if (auto out = convert(body, iconv_name, 1)) {
      return {strip_controls(repair_utf8(*out)), name};
    }
    // An unknown charset name: fall through and read the bytes as UTF-8.
  }

  const Utf8Scan scan = scan_utf8(body);
  if (!scan.valid && !scan.has_multibyte) {
    if (auto out = convert(body, "WINDOWS-1252", 1)) {
      return {strip_controls(repair_utf8(*out)), "windows-1252"};
    }
  }
  if (scan.valid)
    return {strip_controls(body), "UTF-8"};
  return {strip_controls(repair_utf8(body)), "UTF-8"};
}

}  // namespace hw::feeds
