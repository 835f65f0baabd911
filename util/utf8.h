#pragma once
// The one strict UTF-8 decoder: feed decoding (repairing bad bytes), the HTML fast path and
// `printable` all need to know "is there a valid character here, and which", and must agree.
#include <cstddef>
#include <string_view>

namespace hw {

struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;  // bytes used; 0 when the bytes at the position are not valid UTF-8
};

// The character starting at text[i] (i < text.size()). Invalid: a stray continuation byte, a
// truncated sequence, an overlong form, a surrogate (U+D800–U+DFFF) or anything above U+10FFFF
// — the sequences RFC 3629 forbids.
Utf8Char decode_utf8(std::string_view text, std::size_t i);

}  // namespace hw
