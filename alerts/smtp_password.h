#pragma once
// Where the SMTP password is read from: a systemd credential when the service has one, else
// the configured smtp_password_file.
#include <filesystem>

namespace hw::alerts {

// The credential names the daemon looks for in $CREDENTIALS_DIRECTORY, in order: the unit's
// `LoadCredential=hypewatch:/etc/hypewatch/credentials` turns the file "smtp-password" there
// into "hypewatch_smtp-password"; an operator's own `LoadCredential=smtp-password:PATH` gives
// "smtp-password".
inline constexpr const char* kSmtpPasswordCredentials[] = {"hypewatch_smtp-password",
                                                           "smtp-password"};

// The file to read the SMTP password from: the first credential above that exists when
// $CREDENTIALS_DIRECTORY is set (systemd copied it for us, readable by the service user even
// when the original is root's 0600), else `configured`.
std::filesystem::path smtp_password_path(const std::filesystem::path& configured);

}  // namespace hw::alerts
