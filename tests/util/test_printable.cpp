// util/printable.h: outside text made safe for one log line or table cell.
#include <catch2/catch.hpp>

#include "util/printable.h"

using hw::printable;

TEST_CASE("plain text, accents and emoji are kept as they are") {
  CHECK(printable("Caf\u00e9 Not\u00edcias \u2014 \U0001F600 a\\b") ==
        "Caf\u00e9 Not\u00edcias \u2014 \U0001F600 a\\b");
  CHECK(hw::is_printable("ordinary title"));
}

TEST_CASE("line breaks and other C0 controls cannot start a new line") {
  CHECK(printable("one\ntwo\rthree\tfour") == "one\\ntwo\\rthree\\tfour");
  CHECK(printable("bell\a esc\x1b[31m del\x7f") == "bell\\x07 esc\\x1b[31m del\\x7f");
  CHECK(printable(std::string("nul\0x", 5)) == "nul\\x00x");
}

TEST_CASE("C1 controls, bidi overrides and line separators are escaped") {
  CHECK(printable("csi\u009b2J") == "csi\\u009b2J");
  CHECK(printable("abc\u202Efdp.exe") == "abc\\u202efdp.exe");
  CHECK(printable("\u2066isolate\u2069") == "\\u2066isolate\\u2069");
  CHECK(printable("rlm\u200F alm\u061C") == "rlm\\u200f alm\\u061c");
  CHECK(printable("para\u2029graph line\u2028") == "para\\u2029graph line\\u2028");
  CHECK_FALSE(hw::is_printable("x\u202Ay"));
}

TEST_CASE("bytes that are not UTF-8 are shown as hex, never passed through") {
  CHECK(printable("latin1 caf\xe9!") == "latin1 caf\\xe9!");
  CHECK(printable("cut \xe2\x80") == "cut \\xe2\\x80");
  CHECK(printable("overlong \xc0\x8a") == "overlong \\xc0\\x8a");  // would decode to '\n'
  CHECK(printable("surrogate \xed\xa0\x80") == "surrogate \\xed\\xa0\\x80");
}
