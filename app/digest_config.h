#pragma once
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "alerts/mail_sender.h"

namespace toml {
inline namespace v3 {
class node;
}
}  // namespace toml

namespace hw::app {

// The [digest] section of hypewatch.toml.
struct DigestConfig {
  std::chrono::seconds interval{60 * 60};
  std::string from;
  std::vector<std::string> to;
  std::optional<alerts::SmtpSettings> smtp;  // smtp_url given
  std::string sendmail;                      // sendmail path given
  bool log = true;                           // also write the digest to the log
  int chart_days = 14;
  std::chrono::seconds retry_min{60};
  std::chrono::seconds retry_max{6 * 60 * 60};

  bool sends_mail() const { return smtp.has_value() || !sendmail.empty(); }
};

// Throws hw::ConfigError "FILE:LINE:COL: message".
DigestConfig parse_digest_config(const std::filesystem::path& file, const toml::node& node);

}  // namespace hw::app
