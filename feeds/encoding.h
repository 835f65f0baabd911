#pragma once
// Turning feed bytes in whatever charset into UTF-8 that pugixml can take as-is.
#include <string>
#include <string_view>

namespace hw::feeds {

struct DecodedText {
  std::string utf8;      // valid UTF-8, no BOM, no C0 controls except TAB/LF/CR
  std::string encoding;  // the charset that was used, e.g. "UTF-8", "ISO-8859-1"
};

// Picks the charset (BOM, then UTF-16/32 byte patterns, then the Content-Type charset, then
// the XML declaration, then UTF-8) and converts. Bytes that are invalid in that charset
// become U+FFFD. A document that claims (or defaults to) UTF-8 but is not UTF-8 and holds
// no valid multi-byte sequence at all is read as windows-1252, as browsers and feedparser do.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view content_type = {});

// The charset parameter of a Content-Type value ("text/xml; charset=utf-8" -> "utf-8").
std::string charset_of(std::string_view content_type);

// Replaces every invalid UTF-8 sequence with U+FFFD.
std::string repair_utf8(std::string_view text);

}  // namespace hw::feeds
