#include "feeds/host_throttle.h"

#include <algorithm>
#include <cctype>

namespace hw::feeds {

HostThrottle::HostThrottle(int max_per_host, std::chrono::milliseconds min_gap)
    : m_max_per_host(std::max(1, max_per_host)), m_min_gap(min_gap) {}

bool HostThrottle::may_start(const std::string& host, Instant now) const {
  if (host.empty()) {
    return true;
  }
  auto it = m_hosts.find(host);
  if (it == m_hosts.end()) {
    return true;
  }
  const HostState& h = it->second;
  if (h.in_flight >= m_max_per_host) {
    return false;
  }
  return !h.last_start || now >= *h.last_start + m_min_gap;
}

std::optional<HostThrottle::Instant> HostThrottle::gap_ends(const std::string& host,
                                                            Instant now) const {
  auto it = m_hosts.find(host);
  if (host.empty() || it == m_hosts.end() || !it->second.last_start) {
    return std::nullopt;
  }
  const Instant end = *it->second.last_start + m_min_gap;
  return end > now ? std::optional(end) : std::nullopt;
}

void HostThrottle::started(const std::string& host, Instant now) {
  if (host.empty()) {
    return;
  }
  HostState& h = m_hosts[host];
  ++h.in_flight;
  h.last_start = now;
}

void HostThrottle::finished(const std::string& host) {
  if (auto it = m_hosts.find(host); it != m_hosts.end() && it->second.in_flight > 0) {
    --it->second.in_flight;
  }
}

int HostThrottle::in_flight(const std::string& host) const {
  auto it = m_hosts.find(host);
  return it == m_hosts.end() ? 0 : it->second.in_flight;
}

std::string host_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return {};
  }
  std::string scheme(url.substr(0, scheme_end));
  std::ranges::transform(scheme, scheme.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") {
    return {};
  }
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    rest = rest.substr(at + 1);
  }
  if (rest.starts_with('[')) {  // IPv6 literal: the port follows the bracket
    rest = rest.substr(0, rest.find(']') + 1);
  } else if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    rest = rest.substr(0, colon);
  }
  std::string host(rest);
  std::ranges::transform(host, host.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

}  // namespace hw::feeds
