#include "feeds/host_throttle.h"

#include <algorithm>
#include <cctype>

#include "util/url_host.h"

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

std::string throttle_key(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return {};
  }
  std::string scheme(url.substr(0, scheme_end));
  std::ranges::transform(scheme, scheme.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return scheme == "http" || scheme == "https" ? url_host(url) : std::string();
}

}  // namespace hw::feeds
