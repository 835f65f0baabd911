#include "app/digest_config.h"

#include "alerts/smtp_password.h"

#include <toml++/toml.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "app/config.h"
#include "app/toml_values.h"
#include "feeds/uri.h"
#include "util/error.h"

namespace hw::app {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void bad(const fs::path& file, const toml::source_region& r, const std::string& m) {
  toml_fail(file, r, m);
}

std::string string_of(const fs::path& file, const toml::node& n, std::string_view key) {
  if (auto s = n.value<std::string>(); s && n.is_string()) {
    return *s;
  }
  bad(file, n.source(), "digest." + std::string(key) + " must be a string");
}

std::chrono::seconds duration_of(const fs::path& file, const toml::node& n, std::string_view key) {
  if (auto d = toml_duration(n)) {
    return *d;
  }
  bad(file, n.source(),
      "digest." + std::string(key) + " must be a positive duration such as \"1h\" or 3600");
}

// The password file is read at each send; a missing or unreadable one would only show up at
// the first digest, hours after `--check-config` said OK.
void require_readable(const fs::path& config_file, const toml::node& at, const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) {
    bad(config_file, at.source(), "digest.smtp_password_file " + p.string() + " does not exist");
  }
  if (fs::is_directory(p, ec)) {
    bad(config_file, at.source(), "digest.smtp_password_file " + p.string() + " is a directory");
  }
  std::ifstream in(p);
  if (!in) {
    bad(config_file, at.source(),
        "digest.smtp_password_file " + p.string() + " cannot be read: " + std::strerror(errno));
  }
}

}  // namespace

DigestConfig parse_digest_config(const fs::path& file, const toml::node& node) {
  const auto* table = node.as_table();
  if (!table) {
    bad(file, node.source(), "'digest' must be a table: write [digest]");
  }
  DigestConfig c;
  std::string smtp_url, smtp_user, starttls = "required";
  std::optional<fs::path> password_file;
  for (const auto& [key, value] : *table) {
    const std::string k(key.str());
    if (k == "interval") {
      c.interval = duration_of(file, value, k);
    } else if (k == "from") {
      c.from = string_of(file, value, k);
    } else if (k == "to") {
      if (value.is_string()) {
        c.to.push_back(*value.value<std::string>());
      } else if (const auto* arr = value.as_array()) {
        for (const auto& item : *arr) {
          c.to.push_back(string_of(file, item, k));
        }
      } else {
        bad(file, value.source(), "digest.to must be an address or a list of addresses");
      }
    } else if (k == "smtp_url") {
      smtp_url = string_of(file, value, k);
      if (smtp_url.rfind("smtp://", 0) != 0 && smtp_url.rfind("smtps://", 0) != 0) {
        bad(file, value.source(), "digest.smtp_url must start with smtp:// or smtps://");
      }
      if (feeds::has_userinfo(smtp_url)) {
        // The URL itself is not repeated: it holds the secret.
        bad(file, value.source(),
            "digest.smtp_url must not contain credentials (user:password@host): set smtp_user "
            "and put the password in the file named by smtp_password_file");
      }
    } else if (k == "smtp_user") {
      smtp_user = string_of(file, value, k);
    } else if (k == "smtp_password_file") {
      fs::path p = string_of(file, value, k);
      password_file = p.is_relative() ? file.parent_path() / p : p;
      // Check what the service will really read: under the unit, systemd's credential copy
      // (readable by the service user) rather than root's own file.
      require_readable(file, value, alerts::smtp_password_path(*password_file));
    } else if (k == "starttls") {
      starttls = string_of(file, value, k);
      if (starttls != "required" && starttls != "opportunistic" && starttls != "off") {
        bad(file, value.source(), "digest.starttls must be required, opportunistic or off");
      }
    } else if (k == "sendmail") {
      c.sendmail = string_of(file, value, k);
    } else if (k == "log") {
      if (!value.is_boolean()) {
        bad(file, value.source(), "digest.log must be true or false");
      }
      c.log = *value.value<bool>();
    } else if (k == "chart_days") {
      if (!value.is_integer() || *value.value<int64_t>() < 1 || *value.value<int64_t>() > 90) {
        bad(file, value.source(), "digest.chart_days must be an integer from 1 to 90");
      }
      c.chart_days = static_cast<int>(*value.value<int64_t>());
    } else if (k == "retry_min") {
      c.retry_min = duration_of(file, value, k);
    } else if (k == "retry_max") {
      c.retry_max = duration_of(file, value, k);
    } else {
      bad(file, key.source(),
          "unknown key '" + k +
              "' in [digest] (known: interval, from, to, smtp_url, smtp_user, "
              "smtp_password_file, starttls, sendmail, log, chart_days, retry_min, retry_max)");
    }
  }
  if (!smtp_url.empty() && !c.sendmail.empty()) {
    bad(file, table->source(), "[digest] sets both smtp_url and sendmail: choose one");
  }
  if (!smtp_url.empty()) {
    alerts::SmtpSettings s;
    s.url = smtp_url;
    s.username = smtp_user;
    s.starttls = starttls == "required"        ? alerts::SmtpSettings::StartTls::required
                 : starttls == "opportunistic" ? alerts::SmtpSettings::StartTls::opportunistic
                                               : alerts::SmtpSettings::StartTls::off;
    if (smtp_url.rfind("smtps://", 0) == 0) {
      s.starttls = alerts::SmtpSettings::StartTls::off;  // TLS from the first byte already
    }
    if (!smtp_user.empty()) {
      if (!password_file) {
        bad(file, table->source(), "[digest] smtp_user needs smtp_password_file");
      }
      s.password_file = *password_file;
    }
    c.smtp = s;
  }
  if (c.sends_mail() && (c.from.empty() || c.to.empty())) {
    bad(file, table->source(), "[digest] sends mail, so it needs 'from' and 'to'");
  }
  return c;
}

}  // namespace hw::app
