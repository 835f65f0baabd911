#pragma once
// Per-host politeness for the fetcher: at most N transfers in flight to one host, and a
// minimum gap between the starts of two requests to the same host. Pure bookkeeping with the
// time passed in, so it is tested without a network or a real clock.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hw::feeds {

class HostThrottle {
 public:
  using Instant = std::chrono::steady_clock::time_point;

  HostThrottle(int max_per_host, std::chrono::milliseconds min_gap);

  // Whether a request to `host` may start at `now`. An empty host (file://) is never throttled.
  bool may_start(const std::string& host, Instant now) const;
  // When `host` will next be allowed by the gap (nullopt: not gap-limited right now; it may
  // still be at its in-flight limit, which frees up only when a transfer finishes).
  std::optional<Instant> gap_ends(const std::string& host, Instant now) const;
  void started(const std::string& host, Instant now);
  void finished(const std::string& host);
  int in_flight(const std::string& host) const;

 private:
  struct HostState {
    int in_flight = 0;
    std::optional<Instant> last_start;
  };
  int m_max_per_host;
  std::chrono::milliseconds m_min_gap;
  std::unordered_map<std::string, HostState> m_hosts;
};

// The politeness key of a request: url_host (util/url_host.h) for http(s), whatever the port;
// empty, so never throttled, for other schemes (a local file:// read waits for no one).
std::string throttle_key(std::string_view url);

}  // namespace hw::feeds
