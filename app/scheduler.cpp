#include "app/scheduler.h"

#include <algorithm>
#include <charconv>

#include "feeds/date_parser.h"
#include "util/backoff.h"

namespace hw::app {
namespace {

using std::chrono::seconds;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::optional<seconds> parse_retry_after(std::string_view value, TimePoint now) {
  while (!value.empty() && value.front() == ' ') {
    value.remove_prefix(1);
  }
  while (!value.empty() && value.back() == ' ') {
    value.remove_suffix(1);
  }
  if (value.empty()) {
    return std::nullopt;
  }
  long long n = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec == std::errc{} && ptr == value.data() + value.size()) {
    return n >= 0 ? std::optional(seconds{n}) : std::nullopt;
  }
  if (auto at = feeds::parse_date(value)) {
    return std::max(seconds{0}, std::chrono::duration_cast<seconds>(*at - now));
  }
  return std::nullopt;
}

Scheduler::Scheduler(SchedulePolicy policy) : m_policy(policy) {}

seconds Scheduler::interval_for(const storage::FeedRecord& feed,
                                std::optional<seconds> server_interval) const {
  seconds base = feed.interval.value_or(m_policy.default_interval);
  if (server_interval && *server_interval > seconds{0}) {
    base = std::max(base, std::min(*server_interval, m_policy.max_server_interval));
  }
  return std::max(base, seconds{1});
}

TimePoint Scheduler::jittered(std::int64_t feed_id, TimePoint now, seconds delay) const {
  const auto spread = static_cast<double>(delay.count()) * std::clamp(m_policy.jitter, 0.0, 0.5);
  if (spread < 1.0) {
    return now + delay;
  }
  const std::uint64_t h = splitmix64(static_cast<std::uint64_t>(feed_id) * 0x100000001b3ULL ^
                                     static_cast<std::uint64_t>(now.time_since_epoch().count()));
  const double unit = static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);  // [0,1)
  const auto offset = static_cast<long long>((unit * 2.0 - 1.0) * spread);
  return now + delay + seconds{offset};
}

ScheduleDecision Scheduler::after_poll(const storage::FeedRecord& feed, const PollOutcome& o,
                                       TimePoint now) const {
  ScheduleDecision d;
  // A server's interval hint survives failures and 304s (which do not repeat the body's ttl).
  d.server_interval = o.server_interval ? o.server_interval : feed.server_interval;
  const seconds interval = interval_for(feed, d.server_interval);

  switch (o.kind) {
    case PollOutcome::Kind::fetched:
    case PollOutcome::Kind::not_modified:
      d.next_poll_at = jittered(feed.id, now, interval);
      return d;
    case PollOutcome::Kind::gone:
      d.disable = true;
      d.disable_reason = "HTTP 410 Gone on " + format_utc(now) +
                         ": the publisher removed this feed (re-enable with `hypewatch feeds add`)";
      return d;
    case PollOutcome::Kind::failed:
      break;
  }

  // Exponential backoff: the failure count after this one is error_count + 1.
  const int failures = std::max(1, feed.error_count + 1);
  // The cap never shortens a feed's own interval.
  const seconds backoff =
      exponential_backoff(interval, failures, std::max(m_policy.max_backoff, interval));
  TimePoint next = jittered(feed.id, now, backoff);

  if (o.http_status == 429 || o.http_status == 503) {
    if (auto wait = parse_retry_after(o.retry_after, now)) {
      const TimePoint until = now + std::min(*wait, m_policy.max_retry_after);
      d.retry_after_until = until;
      next = std::max(next, until);
    }
  }
  d.next_poll_at = next;
  return d;
}

bool Scheduler::is_due(const storage::FeedRecord& feed, TimePoint now) const {
  if (!feed.enabled) {
    return false;
  }
  const TimePoint horizon = now + m_policy.due_slack;
  if (feed.retry_after_until && *feed.retry_after_until > now) {
    return false;  // the server's word is not rounded
  }
  return !feed.next_poll_at || *feed.next_poll_at <= horizon;
}

std::optional<TimePoint> Scheduler::next_due(const std::vector<storage::FeedRecord>& feeds) const {
  std::optional<TimePoint> best;
  for (const auto& f : feeds) {
    if (!f.enabled) {
      continue;
    }
    TimePoint t = f.next_poll_at.value_or(TimePoint{});
    if (f.retry_after_until) {
      t = std::max(t, *f.retry_after_until);
    }
    best = best ? std::min(*best, t) : t;
  }
  return best;
}

SchedulePolicy schedule_policy_for(const Config& config) {
  SchedulePolicy p;
  p.default_interval = config.poll_interval;
  p.max_backoff = config.fetch.max_backoff;
  return p;
}

feeds::FetchOptions fetch_options_for(const Config& config) {
  feeds::FetchOptions o;
  o.max_in_flight = config.fetch.max_in_flight;
  o.max_per_host = config.fetch.per_host;
  o.host_min_gap = config.fetch.host_min_gap;
  o.total_timeout_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(config.fetch.timeout).count());
  return o;
}

seconds wait_before_next_cycle(std::optional<TimePoint> next_due, TimePoint now, seconds max_wait,
                               seconds min_wait) {
  if (!next_due) {
    return max_wait;
  }
  const auto until = std::chrono::duration_cast<seconds>(*next_due - now);
  return std::clamp(until, std::min(min_wait, max_wait), max_wait);
}

}  // namespace hw::app
