#pragma once
// [[webhook]] entries of hypewatch.toml (README, "Webhooks").
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "alerts/webhook_secret.h"
#include "model/alert.h"

namespace toml {
inline namespace v3 {
class node;
}
}  // namespace toml

namespace hw::app {

struct WebhookConfig {
  std::string url;  // http(s)://, without user information
  alerts::WebhookSecret secret;
  std::vector<AlertKind> kinds;  // `kinds`: only these; empty = every kind
  std::chrono::seconds timeout{10};
  std::chrono::seconds retry_min{60};        // first wait after a failed POST ...
  std::chrono::seconds retry_max{6 * 3600};  // ... doubling up to this
};

// The value of the top-level key `webhook` (an array of tables). Relative secret_file paths
// are relative to the config file. Throws hw::ConfigError "FILE:LINE:COL: message" for unknown
// keys, a missing or unsupported url, more than one secret source, unknown kinds, a duplicate url.
std::vector<WebhookConfig> parse_webhooks(const std::filesystem::path& file,
                                          const toml::node& node);

}  // namespace hw::app
