#include "alerts/webhook_secret.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace hw::alerts {
namespace {

Expected<std::string> first_line(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) {
    return fail("cannot read webhook secret " + what + " " + file.string() + ": " +
                std::strerror(errno));
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.pop_back();
  }
  if (line.empty()) {
    return fail("webhook secret " + what + " " + file.string() + " is empty");
  }
  return line;
}

}  // namespace

Expected<std::string> read_webhook_secret(const WebhookSecret& secret) {
  switch (secret.source) {
    case WebhookSecret::Source::none:
      return std::string();
    case WebhookSecret::Source::inline_text:
      return secret.value;
    case WebhookSecret::Source::file:
      return first_line(secret.value, "file");
    case WebhookSecret::Source::credential: {
      const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
      if (dir == nullptr || *dir == '\0') {
        return fail("webhook secret credential '" + secret.value +
                    "': $CREDENTIALS_DIRECTORY is not set (not running under systemd with "
                    "LoadCredential=)");
      }
      for (const std::string& name : {"hypewatch_" + secret.value, secret.value}) {
        const std::filesystem::path candidate = std::filesystem::path(dir) / name;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
          return first_line(candidate, "credential");
        }
      }
      return fail("webhook secret credential '" + secret.value + "' not found in " +
                  std::string(dir));
    }
  }
  return std::string();
}

}  // namespace hw::alerts
