// libFuzzer: charset detection and decoding to UTF-8. The first line is the Content-Type, the
// rest the body; the promise checked is the one encoding.h makes: valid UTF-8 out, with no C0
// control but TAB, LF and CR.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "feeds/encoding.h"

namespace {

bool valid_utf8_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3
                                   : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      return false;
    }
    if (len == 1 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
      return false;
    }
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view type = newline == std::string_view::npos ? "" : input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? input : input.substr(newline + 1);
  if (!valid_utf8_text(hw::feeds::decode_to_utf8(body, type).utf8)) {
    std::abort();  // encoding.h promises valid UTF-8 without stray controls
  }
  (void)hw::feeds::repair_utf8(input);
  (void)hw::feeds::charset_of(type);
  return 0;
}
