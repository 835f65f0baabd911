// The SMTP password comes from the systemd credential when the service has one, so the daemon
// running as the hypewatch user never needs to read root's 0600 file itself.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "alerts/smtp_password.h"
#include "support/test_support.h"

namespace {

// Sets CREDENTIALS_DIRECTORY for one scope, as systemd does for the service.
struct CredentialsEnv {
  explicit CredentialsEnv(const std::filesystem::path& dir) {
    ::setenv("CREDENTIALS_DIRECTORY", dir.c_str(), 1);
  }
  ~CredentialsEnv() { ::unsetenv("CREDENTIALS_DIRECTORY"); }
};

}  // namespace

TEST_CASE("SMTP password: the unit's credential wins over the configured file") {
  hw::test::TempDir dir;
  const auto configured = dir / "smtp-password-root-only";
  std::filesystem::create_directory(dir / "creds");
  CredentialsEnv env(dir / "creds");

  // A service whose credential is missing falls back to the configured file.
  CHECK(hw::alerts::smtp_password_path(configured) == configured);

  hw::test::write_file(dir / "creds/smtp-password", "operator's own\n");
  CHECK(hw::alerts::smtp_password_path(configured) == dir / "creds/smtp-password");
  hw::test::write_file(dir / "creds/hypewatch_smtp-password", "from the unit\n");
  CHECK(hw::alerts::smtp_password_path(configured) == dir / "creds/hypewatch_smtp-password");
}

TEST_CASE("SMTP password: outside systemd the configured file is read") {
  ::unsetenv("CREDENTIALS_DIRECTORY");
  CHECK(hw::alerts::smtp_password_path("/etc/hypewatch/credentials/smtp-password") ==
        "/etc/hypewatch/credentials/smtp-password");
}
