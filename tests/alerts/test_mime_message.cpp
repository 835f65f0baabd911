#include <catch2/catch.hpp>

#include "alerts/mime_message.h"

using Catch::Matchers::Contains;
using namespace std::chrono;

TEST_CASE("the digest message is multipart/alternative with safe headers") {
  hw::alerts::MailEnvelope e;
  e.from = "hypewatch@example.org";
  e.to = {"desk@example.org", "chief@example.org"};
  e.subject = "3 alerts on «yemen»\r\nBcc: evil@example.org";
  e.message_id = "<hypewatch.digest.7@example.org>";
  e.date = sys_days{2026y / November / 26} + 8h + 5min;
  const auto m = hw::alerts::build_mime_message(e, "plain text", "<p>html</p>");
  CHECK_THAT(m, Contains("To: desk@example.org, chief@example.org\r\n"));
  CHECK_THAT(m, Contains("Message-ID: <hypewatch.digest.7@example.org>\r\n"));
  CHECK_THAT(m, Contains("Date: Thu, 26 Nov 2026 08:05:00 +0000\r\n"));
  CHECK_THAT(m, Contains("Subject: =?UTF-8?B?"));
  // A newline in data never starts a new header.
  CHECK(m.find("\r\nBcc:") == std::string::npos);
  CHECK_THAT(m, Contains("Content-Type: multipart/alternative; boundary="));
  CHECK_THAT(m, Contains("Content-Type: text/plain; charset=utf-8"));
  CHECK_THAT(m, Contains("Content-Type: text/html; charset=utf-8"));
  CHECK_THAT(m, Contains("cGxhaW4gdGV4dA==\r\n"));  // base64("plain text")
}

namespace {

std::string base64_decode(const std::string& in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : in) {
    if (c == '=') {
      break;
    }
    bits = (bits << 6) | static_cast<unsigned>(kAlphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a long non-ASCII subject becomes several encoded words of at most 75 characters") {
  hw::alerts::MailEnvelope e;
  e.from = "hypewatch@example.org";
  e.to = {"desk@example.org"};
  e.subject = "hypewatch: 12 alerts on «yemen-hacking», «china-ip-theft», «cybercom-defense-"
              "mission» and 3 more claims — 2 failing feeds (Zürich, São Paulo)";
  e.message_id = "<hypewatch.digest.8@example.org>";
  const auto m = hw::alerts::build_mime_message(e, "t", "<p>h</p>");
  const auto start = m.find("Subject: ");
  REQUIRE(start != std::string::npos);
  // The header runs until a line that does not start with a space (folding).
  auto end = m.find("\r\n", start);
  while (m[end + 2] == ' ') {
    end = m.find("\r\n", end + 2);
  }
  const std::string header = m.substr(start + 9, end - start - 9);

  std::string decoded;
  int words = 0;
  for (std::size_t at = header.find("=?UTF-8?B?"); at != std::string::npos;
       at = header.find("=?UTF-8?B?", at + 1)) {
    const auto close = header.find("?=", at + 10);
    REQUIRE(close != std::string::npos);
    const std::string word = header.substr(at, close + 2 - at);
    CHECK(word.size() <= 75);
    const std::string part = base64_decode(word.substr(10, word.size() - 12));
    // Each word decodes on its own: it never starts inside a UTF-8 character.
    CHECK((static_cast<unsigned char>(part.front()) & 0xC0) != 0x80);
    decoded += part;
    ++words;
  }
  CHECK(words > 1);
  CHECK(decoded == e.subject);
  for (std::size_t line = start, next; line < end; line = next + 2) {
    next = m.find("\r\n", line);
    CHECK(next - line <= 76);
  }
}
