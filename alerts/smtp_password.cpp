#include "alerts/smtp_password.h"

#include <cstdlib>

namespace hw::alerts {

std::filesystem::path smtp_password_path(const std::filesystem::path& configured) {
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  if (dir == nullptr || *dir == '\0') {
    return configured;
  }
  for (const char* name : kSmtpPasswordCredentials) {
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) {
      return candidate;
    }
  }
  return configured;
}

}  // namespace hw::alerts
