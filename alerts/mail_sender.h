#pragma once
// Handing a finished message to a mail system. Both senders report success only when the
// other side accepted the message (SMTP 250 after DATA; sendmail exit status 0).
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.h"

namespace hw::alerts {

struct SmtpSettings {
  std::string url;  // smtp://host:port (STARTTLS as configured) or smtps://host:port
  enum class StartTls { required, opportunistic, off };
  StartTls starttls = StartTls::required;
  std::string username;
  std::filesystem::path password_file;  // read at send time; never logged
  long timeout_ms = 60'000;
};

// Sends `message` (RFC 5322, CRLF) from `from` to `to` through libcurl's SMTP. Errors carry
// the URL and curl's/the server's reason, never the password.
std::expected<void, Error> send_smtp(const SmtpSettings& settings, const std::string& from,
                                     const std::vector<std::string>& to,
                                     const std::string& message);

// Pipes `message` to `sendmail -t -oi` (recipients from the headers).
std::expected<void, Error> send_with_sendmail(const std::string& sendmail_path,
                                              const std::string& message);

}  // namespace hw::alerts
