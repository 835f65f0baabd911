// The one strict UTF-8 decoder (RFC 3629) used by feed decoding, the HTML fast path and
// printable.
#include <catch2/catch.hpp>

#include <string>

#include "util/utf8.h"

using hw::decode_utf8;

namespace {
std::size_t length_at(std::string_view s, std::size_t i = 0) { return decode_utf8(s, i).length; }
}  // namespace

TEST_CASE("valid characters of every length decode to their code point") {
  CHECK(decode_utf8("A", 0).code_point == U'A');
  CHECK(length_at("A") == 1);
  CHECK(decode_utf8("\xC3\xA9", 0).code_point == U'\u00E9');
  CHECK(length_at("\xC3\xA9") == 2);
  CHECK(decode_utf8("\xE2\x82\xAC", 0).code_point == U'\u20AC');
  CHECK(length_at("\xE2\x82\xAC") == 3);
  CHECK(decode_utf8("\xF0\x9F\x98\x80", 0).code_point == U'\U0001F600');
  CHECK(length_at("\xF0\x9F\x98\x80") == 4);
  CHECK(decode_utf8("x\xC3\xA9", 1).code_point == U'\u00E9');
  CHECK(length_at(std::string_view("\0", 1)) == 1);
}

TEST_CASE("forbidden sequences are invalid") {
  CHECK(length_at("\x80") == 0);              // stray continuation byte
  CHECK(length_at("\xC3") == 0);              // truncated
  CHECK(length_at("\xE2\x82") == 0);          // truncated
  CHECK(length_at("\xC3(") == 0);             // continuation missing
  CHECK(length_at("\xC0\xAF") == 0);          // overlong '/'
  CHECK(length_at("\xE0\x80\xAF") == 0);      // overlong '/'
  CHECK(length_at("\xF0\x80\x80\xAF") == 0);  // overlong '/'
  CHECK(length_at("\xED\xA0\x80") == 0);      // surrogate U+D800
  CHECK(length_at("\xF4\x90\x80\x80") == 0);  // U+110000
  CHECK(length_at("\xF8\x88\x80\x80\x80") == 0);
  CHECK(length_at("\xFF") == 0);
}

TEST_CASE("the edges of the valid ranges are valid") {
  CHECK(length_at("\xC2\x80") == 2);          // U+0080
  CHECK(length_at("\xE0\xA0\x80") == 3);      // U+0800
  CHECK(length_at("\xED\x9F\xBF") == 3);      // U+D7FF
  CHECK(length_at("\xEE\x80\x80") == 3);      // U+E000
  CHECK(length_at("\xF4\x8F\xBF\xBF") == 4);  // U+10FFFF
}
