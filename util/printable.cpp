#include "util/printable.h"

#include <cstdint>

#include "util/utf8.h"

namespace hw {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool must_escape(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_hex(std::string& out, std::uint32_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out += kHex[(value >> shift) & 0xF];
  }
}

}  // namespace

bool is_printable(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, len] = decode_utf8(text, i);
    if (len == 0 || must_escape(cp)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string printable(std::string_view text) {
  if (is_printable(text)) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, len] = decode_utf8(text, i);
    if (len == 0) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(text[i]), 2);
      ++i;
      continue;
    }
    if (!must_escape(cp)) {
      out.append(text, i, len);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x80) {
      out += "\\x";
      append_hex(out, cp, 2);
    } else {
      out += "\\u";
      append_hex(out, cp, 4);
    }
    i += len;
  }
  return out;
}

}  // namespace hw
