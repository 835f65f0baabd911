// The scheduling policy with a manual clock: intervals, ttl/max-age bounds, jitter, backoff
// with its cap, Retry-After, 410, and which feeds a cycle considers due.
#include <catch2/catch.hpp>

#include "app/scheduler.h"

using namespace std::chrono;
using hw::app::PollOutcome;
using hw::app::SchedulePolicy;
using hw::app::Scheduler;
using hw::storage::FeedRecord;

namespace {

FeedRecord feed(std::int64_t id) {
  FeedRecord f;
  f.id = id;
  f.url = "https://news.example/" + std::to_string(id);
  return f;
}

SchedulePolicy policy() {
  SchedulePolicy p;
  p.default_interval = minutes(30);
  p.max_backoff = hours(24);
  p.max_server_interval = hours(12);
  p.jitter = 0.1;
  return p;
}

seconds delay(const hw::app::ScheduleDecision& d, hw::TimePoint now) {
  REQUIRE(d.next_poll_at);
  return duration_cast<seconds>(*d.next_poll_at - now);
}

}  // namespace

TEST_CASE("a healthy feed is polled every interval, within the jitter") {
  hw::ManualClock clock(sys_days{2024y / March / 1} + 9h);
  const Scheduler s(policy());
  for (int id = 1; id <= 50; ++id) {
    const auto d = s.after_poll(feed(id), {PollOutcome::Kind::fetched, 200, {}, {}}, clock.now());
    CHECK(delay(d, clock.now()) >= minutes(27));
    CHECK(delay(d, clock.now()) <= minutes(33));
    CHECK_FALSE(d.disable);
    clock.advance(seconds(7));
  }
  // Jitter is reproducible (same feed, same time) and spreads different feeds.
  const auto a = s.after_poll(feed(1), {PollOutcome::Kind::fetched, 200, {}, {}}, clock.now());
  const auto b = s.after_poll(feed(1), {PollOutcome::Kind::fetched, 200, {}, {}}, clock.now());
  const auto c = s.after_poll(feed(2), {PollOutcome::Kind::fetched, 200, {}, {}}, clock.now());
  CHECK(a.next_poll_at == b.next_poll_at);
  CHECK(a.next_poll_at != c.next_poll_at);
}

TEST_CASE("a per-feed interval overrides the default; ttl/max-age lengthen it within bounds") {
  const hw::TimePoint now = sys_days{2024y / March / 1} + 9h;
  SchedulePolicy p = policy();
  p.jitter = 0;
  const Scheduler s(p);
  FeedRecord f = feed(7);
  f.interval = minutes(5);
  CHECK(delay(s.after_poll(f, {PollOutcome::Kind::fetched, 200, {}, {}}, now), now) == minutes(5));
  // <ttl>60</ttl>: the publisher asks for an hour between polls.
  auto d = s.after_poll(f, {PollOutcome::Kind::fetched, 200, minutes(60), {}}, now);
  CHECK(delay(d, now) == minutes(60));
  CHECK(d.server_interval == minutes(60));
  // A hint shorter than our interval never makes us poll more often.
  CHECK(delay(s.after_poll(feed(8), {PollOutcome::Kind::fetched, 200, minutes(1), {}}, now), now) ==
        minutes(30));
  // An absurd max-age is capped at max_server_interval.
  CHECK(delay(s.after_poll(f, {PollOutcome::Kind::fetched, 200, hours(24 * 30), {}}, now), now) ==
        hours(12));
  // A 304 carries no ttl: the one learnt from the last body is kept.
  f.server_interval = minutes(60);
  d = s.after_poll(f, {PollOutcome::Kind::not_modified, 304, {}, {}}, now);
  CHECK(delay(d, now) == minutes(60));
  CHECK(d.server_interval == minutes(60));
}

TEST_CASE("failures back off exponentially up to the cap and never stop") {
  hw::ManualClock clock(sys_days{2024y / March / 1});
  SchedulePolicy p = policy();
  p.jitter = 0;
  p.max_backoff = hours(6);
  const Scheduler s(p);
  FeedRecord f = feed(3);
  std::vector<seconds> delays;
  for (int i = 0; i < 12; ++i) {
    const auto d = s.after_poll(f, {PollOutcome::Kind::failed, 500, {}, {}}, clock.now());
    CHECK_FALSE(d.disable);  // never given up
    delays.push_back(delay(d, clock.now()));
    clock.set(*d.next_poll_at);
    ++f.error_count;  // what record_fetch_failure does
  }
  CHECK(delays[0] == minutes(30));
  CHECK(delays[1] == minutes(60));
  CHECK(delays[2] == minutes(120));
  CHECK(delays[3] == minutes(240));
  CHECK(delays[4] == hours(6));
  CHECK(delays[11] == hours(6));
  // Success resets: the next delay is the plain interval again.
  f.error_count = 0;
  CHECK(delay(s.after_poll(f, {PollOutcome::Kind::fetched, 200, {}, {}}, clock.now()),
              clock.now()) == minutes(30));
}

TEST_CASE("Retry-After on 429/503 is honoured, as seconds or as an HTTP date") {
  const hw::TimePoint now = sys_days{2024y / March / 1} + 12h;
  SchedulePolicy p = policy();
  p.jitter = 0;
  const Scheduler s(p);
  auto d = s.after_poll(feed(4), {PollOutcome::Kind::failed, 429, {}, "7200"}, now);
  CHECK(d.retry_after_until == now + hours(2));
  CHECK(delay(d, now) == hours(2));
  d = s.after_poll(feed(4), {PollOutcome::Kind::failed, 503, {}, "Fri, 01 Mar 2024 15:00:00 GMT"},
                   now);
  CHECK(d.retry_after_until == now + hours(3));
  // Shorter than the backoff: the backoff wins (Retry-After is a floor, not a promise).
  d = s.after_poll(feed(4), {PollOutcome::Kind::failed, 429, {}, "5"}, now);
  CHECK(delay(d, now) == minutes(30));
  CHECK(d.retry_after_until == now + seconds(5));
  // A hostile value is capped; garbage is ignored; other statuses ignore the header.
  d = s.after_poll(feed(4), {PollOutcome::Kind::failed, 429, {}, "999999999"}, now);
  CHECK(delay(d, now) == p.max_retry_after);
  d = s.after_poll(feed(4), {PollOutcome::Kind::failed, 429, {}, "soon"}, now);
  CHECK_FALSE(d.retry_after_until);
  d = s.after_poll(feed(4), {PollOutcome::Kind::failed, 500, {}, "7200"}, now);
  CHECK_FALSE(d.retry_after_until);

  FeedRecord held = feed(5);
  held.retry_after_until = now + hours(1);
  held.next_poll_at = now - minutes(1);
  CHECK_FALSE(s.is_due(held, now));
  CHECK(s.is_due(held, now + hours(1)));
  CHECK(hw::app::parse_retry_after(" 120 ", now) == seconds(120));
  CHECK_FALSE(hw::app::parse_retry_after("-5", now));
}

TEST_CASE("410 Gone disables the feed with a reason a person can read") {
  const hw::TimePoint now = sys_days{2024y / March / 1} + 12h;
  const Scheduler s(policy());
  const auto d = s.after_poll(feed(9), {PollOutcome::Kind::gone, 410, {}, {}}, now);
  CHECK(d.disable);
  CHECK_FALSE(d.next_poll_at);
  CHECK(d.disable_reason.find("HTTP 410 Gone on 2024-03-01T12:00:00Z") == 0);
}

TEST_CASE("due feeds, the next wake-up and the daemon's sleep") {
  const hw::TimePoint now = sys_days{2024y / March / 1} + 12h;
  const Scheduler s(policy());
  FeedRecord never = feed(1);
  FeedRecord later = feed(2);
  later.next_poll_at = now + minutes(10);
  FeedRecord almost = feed(3);
  almost.next_poll_at = now + seconds(3);  // within due_slack
  FeedRecord off = feed(4);
  off.enabled = false;
  off.next_poll_at = now - hours(1);
  CHECK(s.is_due(never, now));
  CHECK_FALSE(s.is_due(later, now));
  CHECK(s.is_due(almost, now));
  CHECK_FALSE(s.is_due(off, now));
  CHECK(s.next_due({later, off}) == now + minutes(10));
  CHECK_FALSE(s.next_due({off}));
  using hw::app::wait_before_next_cycle;
  CHECK(wait_before_next_cycle(now + minutes(10), now, minutes(30)) == minutes(10));
  CHECK(wait_before_next_cycle(now + hours(2), now, minutes(30)) == minutes(30));
  CHECK(wait_before_next_cycle(now - hours(2), now, minutes(30)) == seconds(10));
  CHECK(wait_before_next_cycle(std::nullopt, now, minutes(30)) == minutes(30));
}
