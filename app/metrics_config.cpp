#include "app/metrics_config.h"

#include <arpa/inet.h>

#include <charconv>

#include "app/toml_values.h"

namespace hw::app {
namespace {

constexpr std::string_view kListenHelp =
    " (write \"127.0.0.1:9464\" or \"[::1]:9464\": a numeric IP address and a port)";

bool is_ip(const std::string& host, int family) {
  unsigned char buffer[sizeof(struct in6_addr)];
  return ::inet_pton(family, host.c_str(), buffer) == 1;
}

}  // namespace

std::string ListenAddress::to_string() const {
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Expected<ListenAddress> parse_listen_address(std::string_view text) {
  ListenAddress address;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return fail("'" + std::string(text) + "' is not an address and port" +
                  std::string(kListenHelp));
    }
    address.host = std::string(text.substr(1, close - 1));
    address.ipv6 = true;
    port_text = text.substr(close + 2);
    if (!is_ip(address.host, AF_INET6)) {
      return fail("'" + address.host + "' is not an IPv6 address" + std::string(kListenHelp));
    }
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(':') != colon) {
      // No port, or an IPv6 address without brackets (whose last group reads like a port).
      return fail("'" + std::string(text) + "' is not an address and port" +
                  std::string(kListenHelp));
    }
    address.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (!is_ip(address.host, AF_INET)) {
      return fail("'" + address.host + "' is not an IPv4 address" + std::string(kListenHelp));
    }
  }
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
      port < 1 || port > 65535) {
    return fail("port '" + std::string(port_text) + "' must be a number from 1 to 65535");
  }
  address.port = static_cast<std::uint16_t>(port);
  return address;
}

MetricsConfig parse_metrics_config(const std::filesystem::path& file, const toml::node& node) {
  const auto* t = node.as_table();
  if (t == nullptr) {
    toml_fail(file, node.source(), "'metrics' must be a table: write [metrics]");
  }
  MetricsConfig config;
  for (const auto& [key, value] : *t) {
    if (key == "listen") {
      if (!value.is_string()) {
        toml_fail(file, value.source(),
                  "metrics listen must be a string such as \"127.0.0.1:9464\"");
      }
      auto address = parse_listen_address(*value.value<std::string>());
      if (!address) {
        toml_fail(file, value.source(), "metrics listen: " + address.error().message);
      }
      config.listen = std::move(*address);
    } else {
      toml_fail(file, key.source(),
                "unknown key '" + std::string(key.str()) + "' in [metrics] (known: listen)");
    }
  }
  return config;
}

}  // namespace hw::app
