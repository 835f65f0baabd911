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
