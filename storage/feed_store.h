#pragma once
// The feeds aggregate: one row per feed with what the user configured, the poll state the
// scheduler and fetcher leave on it, and its failure streak. Over the store's one connection
// (Store::feeds()).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/alert.h"
#include "storage/connection.h"
#include "util/time.h"

namespace hw::storage {

struct FeedRecord {
  std::int64_t id = 0;
  std::string url;
  std::string title;  // from the last parsed document
  std::string etag;
  std::string last_modified;
  std::string body_hash;  // hex digest of the last body that was parsed
  std::optional<TimePoint> last_polled_at;
  std::optional<TimePoint> last_success_at;
  int last_http_status = 0;  // 0 = none (file://, or no response)
  std::string last_error;    // empty after a success
  int error_count = 0;       // consecutive failures
  std::optional<TimePoint> next_poll_at;
  bool enabled = true;
  std::string disabled_reason;    // why enabled is false, e.g. "removed from config"
  std::int64_t stories = 0;       // stories stored for this feed
  std::string name;               // for people (config `name`, OPML title)
  std::string source = "config";  // who added it: config | cli | opml
  std::string added_url;          // as the user listed it; `url` follows permanent redirects
  std::optional<std::chrono::seconds> interval;         // per-feed override of the default
  std::optional<std::chrono::seconds> server_interval;  // the feed's <ttl> / max-age
  std::optional<TimePoint> retry_after_until;           // the server asked us to wait
  std::optional<TimePoint> last_error_at;
  std::string kind = "news";                    // news | factcheck (docs/factchecks.md)
  std::optional<TimePoint> failing_since;       // first failure of the current streak
  std::optional<TimePoint> failing_alerted_at;  // the streak's feed_failing alert, once raised
};

// What the user says about a feed (config [[feed]], `hypewatch feeds add`, OPML import).
struct FeedSettings {
  std::string url;
  std::string name;
  std::string source = "config";  // config | cli | opml
  std::optional<std::chrono::seconds> interval;
  std::string kind = "news";  // news | factcheck
};

// The scheduler's decision after a poll.
struct FeedSchedule {
  std::optional<TimePoint> next_poll_at;
  std::optional<std::chrono::seconds> server_interval;
  std::optional<TimePoint> retry_after_until;
};

// What a successful fetch+parse leaves on the feed row.
struct FetchSuccess {
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string body_hash;
  std::string title;
};

class FeedStore {
 public:
  explicit FeedStore(Connection connection) : m_conn(connection) {}

  // ensure_feed returns the id of the feed with this URL, creating it when new.
  std::int64_t ensure_feed(std::string_view url);
  std::vector<FeedRecord> list_feeds() const;
  std::optional<FeedRecord> feed(std::int64_t id) const;
  void record_fetch_success(std::int64_t feed_id, const FetchSuccess& s, TimePoint at);
  // 304 or an unchanged body: only poll state changes; no story row is touched.
  void record_not_modified(std::int64_t feed_id, int http_status, TimePoint at);
  void record_fetch_failure(std::int64_t feed_id, int http_status, std::string_view error,
                            TimePoint at);
  // Stores a feed_failing alert and marks the feed's streak as reported, in one transaction:
  // one alert per failure streak, also across a crash.
  void record_feed_alert(std::int64_t feed_id, const Alert& alert, TimePoint at);
  // The scheduler's decision for the next poll (nullopt = as soon as possible).
  void set_next_poll_at(std::int64_t feed_id, std::optional<TimePoint> at);
  // Feeds are disabled, never deleted: their stories stay evidence in claim histories.
  void set_feed_enabled(std::int64_t feed_id, bool enabled, std::string_view reason = {});
  // The feed whose url or added_url is `url`.
  std::optional<FeedRecord> find_feed(std::string_view url) const;
  // Creates the feed or updates name/source/interval of the known one (found by url or
  // added_url); returns its id. Does not touch enabled: the caller decides.
  std::int64_t save_feed(const FeedSettings& settings);
  // A permanent redirect (301/308): from now on `url` is fetched. Throws StorageError when
  // another feed already has that URL.
  void set_feed_url(std::int64_t feed_id, std::string_view url);
  void set_feed_schedule(std::int64_t feed_id, const FeedSchedule& schedule);

 private:
  std::string feed_label(std::int64_t feed_id) const;
  // UPDATE of one feed row; a missing feed is an error, not a silent no-op.
  template <typename Bind>
  void update_feed(std::int64_t feed_id, std::string_view what, std::string_view sql, Bind bind);

  Connection m_conn;
};

}  // namespace hw::storage
