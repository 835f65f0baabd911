#pragma once
// When each feed is polled next: a pure function of the feed's state, what the last poll
// brought and the time, so the whole policy is tested with a ManualClock and no network.
//
//  - interval: the feed's own override, else the configured default; a feed's <ttl> or
//    Cache-Control max-age can lengthen it (the publisher asks us not to come back sooner),
//    never beyond `max_server_interval`, and never shorten it;
//  - jitter: ± `jitter` of the interval, derived from the feed id and the time so it is
//    reproducible yet spreads feeds that were added together;
//  - failures: exponential backoff, interval × 2^(failures-1), capped at `max_backoff`; a
//    failing feed keeps being tried at least that often forever (never given up silently);
//  - 429/503 with Retry-After: not before that time (capped at `max_retry_after`);
//  - 410 Gone: disabled with a reason a person can read in `hypewatch feeds`.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "feeds/fetcher.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

struct SchedulePolicy {
  std::chrono::seconds default_interval{30 * 60};
  std::chrono::seconds max_server_interval{24 * 3600};
  std::chrono::seconds max_backoff{24 * 3600};
  std::chrono::seconds max_retry_after{7 * 24 * 3600};
  double jitter = 0.1;  // fraction of the interval, each way
  // A feed whose time comes within this of now is polled in this cycle rather than causing
  // another wake-up moments later.
  std::chrono::seconds due_slack{5};
};

// What one poll of one feed came to, as far as scheduling cares.
struct PollOutcome {
  enum class Kind { fetched, not_modified, failed, gone };
  Kind kind = Kind::fetched;
  int http_status = 0;
  std::optional<std::chrono::seconds> server_interval;  // <ttl> or max-age, when stated
  std::string retry_after;                              // raw header value on a 429/503
};

struct ScheduleDecision {
  std::optional<TimePoint> next_poll_at;  // nullopt when disabled
  std::optional<std::chrono::seconds> server_interval;
  std::optional<TimePoint> retry_after_until;
  bool disable = false;
  std::string disable_reason;
};

class Scheduler {
 public:
  explicit Scheduler(SchedulePolicy policy = {});

  // `feed` is the state before this poll (its error_count does not yet include it).
  ScheduleDecision after_poll(const storage::FeedRecord& feed, const PollOutcome& outcome,
                              TimePoint now) const;

  // Enabled, and its next poll time (and any Retry-After hold) has come.
  bool is_due(const storage::FeedRecord& feed, TimePoint now) const;
  // The earliest time an enabled feed becomes due (nullopt: no enabled feed).
  std::optional<TimePoint> next_due(const std::vector<storage::FeedRecord>& feeds) const;

  // The interval between successful polls, before jitter.
  std::chrono::seconds interval_for(const storage::FeedRecord& feed,
                                    std::optional<std::chrono::seconds> server_interval) const;

  const SchedulePolicy& policy() const { return m_policy; }

 private:
  TimePoint jittered(std::int64_t feed_id, TimePoint now, std::chrono::seconds delay) const;

  SchedulePolicy m_policy;
};

// The scheduling policy and the fetcher limits a configuration asks for.
SchedulePolicy schedule_policy_for(const Config& config);
feeds::FetchOptions fetch_options_for(const Config& config);

// How long the daemon may sleep before its next cycle: until the earliest due feed, at least
// `min_wait` (so a burst of due feeds is one cycle, not many) and at most `max_wait`.
std::chrono::seconds wait_before_next_cycle(std::optional<TimePoint> next_due, TimePoint now,
                                            std::chrono::seconds max_wait,
                                            std::chrono::seconds min_wait = std::chrono::seconds{
                                                10});

// Retry-After as a delay from `now`: delta-seconds or an HTTP date; nullopt when unreadable.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, TimePoint now);

}  // namespace hw::app
