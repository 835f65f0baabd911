#pragma once
// Where a webhook's signing secret comes from (README, "Webhooks"): written in the config, a
// file, or a systemd credential. Files and credentials are read at each delivery round, so a
// rotated secret needs no reload, and the secret is never logged.
#include <filesystem>
#include <string>

#include "util/error.h"

namespace hw::alerts {

struct WebhookSecret {
  enum class Source { none, inline_text, file, credential };
  Source source = Source::none;
  std::string value;  // inline_text: the secret; file: the path; credential: the name
};

// The secret's bytes (first line, trailing CR/blanks dropped; "" for none). A credential is read
// from $CREDENTIALS_DIRECTORY/NAME (the unit's LoadCredential=hypewatch:… makes the file
// "webhook-x" there "hypewatch_webhook-x"; both names are tried, in that order).
Expected<std::string> read_webhook_secret(const WebhookSecret& secret);

}  // namespace hw::alerts
