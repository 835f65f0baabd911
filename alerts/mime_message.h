#pragma once
#include <string>
#include <vector>

#include "util/time.h"

namespace hw::alerts {

struct MailEnvelope {
  std::string from;
  std::vector<std::string> to;
  std::string subject;
  std::string message_id;  // with angle brackets
  TimePoint date{};
};

// An RFC 5322 message, multipart/alternative with a text/plain and a text/html part (UTF-8,
// base64), CRLF line ends. Non-ASCII subjects are RFC 2047 encoded.
std::string build_mime_message(const MailEnvelope& envelope, const std::string& text,
                               const std::string& html);

// RFC 5322 date: "Thu, 26 Nov 2026 08:00:00 +0000".
std::string rfc5322_date(TimePoint t);

}  // namespace hw::alerts
