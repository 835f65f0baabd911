#pragma once
// Getting feed bytes: file://, http:// and https:// through the libcurl multi interface, many
// transfers at once, with conditional GET, size and time limits. A narrow interface: requests
// in, one outcome per request out, in the same order.
//
// Politeness and reuse: at most `max_in_flight` transfers at once, at most `max_per_host` to
// one host with `host_min_gap` between the starts of two requests to it. The multi handle
// (and so its connection cache, DNS cache and HTTP/2 sessions) lives as long as the Fetcher,
// so a daemon reuses connections from one cycle to the next.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hw::feeds {

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
  std::size_t max_body_bytes = 0;  // 0: FetchOptions::max_body_bytes; else the lower of the two
};

// What every HTTP answer may tell the scheduler, whatever the outcome.
struct ResponseHints {
  // Set when the request was redirected only by permanent redirects (301/308): the URL to use
  // from now on.
  std::string moved_to;
  std::optional<std::chrono::seconds> max_age;  // Cache-Control max-age (s-maxage ignored)
};

struct Fetched {
  int http_status = 0;  // 0 for file://
  std::string body;     // after Content-Encoding decoding
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string effective_url;  // after redirects
  ResponseHints hints;
};

struct NotModified {
  int http_status = 304;
  std::string etag;  // servers may send a new validator with a 304
  std::string last_modified;
  ResponseHints hints;
};

using FetchOutcome = std::variant<Fetched, NotModified>;

struct FetchError {
  enum class Kind {
    http_status,
    timeout,
    connect,
    too_large,
    bad_url,
    io,
    protocol,
    cancelled,
    too_many_redirects
  };
  Kind kind = Kind::protocol;
  int http_status = 0;
  std::string message;      // "https://x/rss: HTTP 503 Service Unavailable" / curl's error text
  std::string retry_after;  // the Retry-After header of a 429/503, raw (seconds or an HTTP date)
  ResponseHints hints;
};

// "timeout", "http_status", …: for counts by reason (metrics).
std::string_view to_string(FetchError::Kind kind);

struct FetchOptions {
  std::string user_agent = "hypewatch/0.1 (+https://github.com/hypewatch/hypewatch)";
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 60'000;
  long max_redirects = 5;
  std::size_t max_body_bytes = 32u << 20;  // after decompression
  int max_in_flight = 16;
  int max_per_host = 2;
  std::chrono::milliseconds host_min_gap{100};
  // When set and true, transfers in flight are abandoned (Kind::cancelled) within ~200 ms and
  // no new ones start: how the daemon stops promptly on SIGTERM.
  const std::atomic<bool>* cancel = nullptr;
};

using FetchResult = std::expected<FetchOutcome, FetchError>;

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Fetches every request (concurrently, within the limits above) and returns one result per
  // request, in request order. Never throws for a per-feed failure.
  std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests);

  // Same, but hands each result to `on_result(index, result)` as soon as its transfer ends,
  // so a caller can parse and store one body while others download, and never holds every
  // body at once (peak memory ~ max_in_flight bodies, not the whole cycle's).
  void fetch_each(const std::vector<FetchRequest>& requests,
                  const std::function<void(std::size_t, FetchResult&&)>& on_result);

  const FetchOptions& options() const { return m_options; }

 private:
  struct Multi;
  FetchOptions m_options;
  std::unique_ptr<Multi> m_multi;
};

}  // namespace hw::feeds
