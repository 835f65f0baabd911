#pragma once
// Getting feed bytes: file://, http:// and https:// through the libcurl multi interface, many
// transfers at once, with conditional GET, size and time limits. A narrow interface: requests
// in, one outcome per request out, in the same order.
#include <atomic>
#include <cstddef>
#include <expected>
#include <string>
#include <variant>
#include <vector>

namespace hw::feeds {

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
};

struct Fetched {
  int http_status = 0;  // 0 for file://
  std::string body;     // after Content-Encoding decoding
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string effective_url;  // after redirects
};

struct NotModified {
  int http_status = 304;
};

using FetchOutcome = std::variant<Fetched, NotModified>;

struct FetchError {
  enum class Kind { http_status, timeout, connect, too_large, bad_url, io, protocol, cancelled };
  Kind kind = Kind::protocol;
  int http_status = 0;
  std::string message;  // "https://x/rss: HTTP 503 Service Unavailable" / curl's error text
};

struct FetchOptions {
  std::string user_agent = "hypewatch/0.1 (+https://github.com/hypewatch/hypewatch)";
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 60'000;
  long max_redirects = 5;
  std::size_t max_body_bytes = 32u << 20;  // after decompression
  int max_in_flight = 16;
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

  // Fetches every request (concurrently, at most max_in_flight at a time) and returns one
  // result per request, in request order. Never throws for a per-feed failure.
  std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests);

 private:
  FetchOptions m_options;
};

}  // namespace hw::feeds
