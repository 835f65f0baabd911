#pragma once
// Text from outside (feed titles, URLs, server replies, error messages quoting them) made safe
// for one line of a log or a terminal table. The one helper for both, so they cannot drift.
#include <string>
#include <string_view>

namespace hw {

// Returns `text` with every character that could change how a line reads escaped:
//  - C0 controls and DEL: "\n", "\r", "\t", else "\x1b" style (a newline can no longer start
//    a second, forged log line; an escape sequence can no longer drive the terminal);
//  - C1 controls U+0080..U+009F (CSI and friends on some terminals): "\u009b";
//  - bidirectional formatting characters (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069)
//    and line/paragraph separators (U+2028/9): "\u202e", so text cannot read backwards;
//  - bytes that are not valid UTF-8: "\xff".
// Everything else, backslashes included, is kept as it is.
std::string printable(std::string_view text);

// True when printable(text) would change nothing (the common case; no copy needed).
bool is_printable(std::string_view text);

}  // namespace hw
