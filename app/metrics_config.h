#pragma once
// [metrics]: the optional Prometheus listener of hypewatchd (README "Metrics").
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "util/error.h"

namespace hw::app {

// A numeric IP address and a port. Host names are refused on purpose: resolving one at start
// would make the address the daemon binds depend on DNS, and a scrape endpoint that moves is
// worse than a config error.
struct ListenAddress {
  std::string host;  // numeric, without brackets: "127.0.0.1", "::1"
  std::uint16_t port = 0;
  bool ipv6 = false;

  // "127.0.0.1:9464" or "[::1]:9464", as written in the config.
  std::string to_string() const;
};

struct MetricsConfig {
  std::optional<ListenAddress> listen;  // off (nullopt) unless `listen` is set
};

// "HOST:PORT" with an IPv4 host, or "[HOST]:PORT" with an IPv6 one; port 1-65535. The error says
// what is wrong with the text, without position (the caller adds it).
Expected<ListenAddress> parse_listen_address(std::string_view text);

// Throws hw::ConfigError "FILE:LINE:COLUMN: message" on unknown keys and bad values.
MetricsConfig parse_metrics_config(const std::filesystem::path& file, const toml::node& node);

}  // namespace hw::app
