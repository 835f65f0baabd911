// Per-host politeness bookkeeping, with the time passed in.
#include <catch2/catch.hpp>

#include "feeds/host_throttle.h"

using namespace std::chrono;
using hw::feeds::throttle_key;
using hw::feeds::HostThrottle;

TEST_CASE("throttle_key: the host of http(s) URLs, whatever the port; nothing for others") {
  CHECK(throttle_key("https://Feeds.Example.COM/rss") == "feeds.example.com");
  CHECK(throttle_key("HTTP://a.example:8080/x") == "a.example");
  CHECK(throttle_key("file:///tmp/feed.xml").empty());
  CHECK(throttle_key("file://localhost/tmp/feed.xml").empty());
  CHECK(throttle_key("not a url").empty());
}

TEST_CASE("at most N in flight per host, and a gap between starts") {
  HostThrottle t(2, milliseconds(100));
  const HostThrottle::Instant t0{};
  CHECK(t.may_start("a", t0));
  t.started("a", t0);
  CHECK_FALSE(t.may_start("a", t0 + milliseconds(50)));  // gap
  CHECK(t.gap_ends("a", t0 + milliseconds(50)) == t0 + milliseconds(100));
  CHECK(t.may_start("b", t0 + milliseconds(50)));  // other hosts are independent
  CHECK(t.may_start("a", t0 + milliseconds(100)));
  t.started("a", t0 + milliseconds(100));
  CHECK_FALSE(t.may_start("a", t0 + seconds(5)));  // two in flight
  t.finished("a");
  CHECK(t.in_flight("a") == 1);
  CHECK(t.may_start("a", t0 + seconds(5)));
  CHECK(t.may_start("", t0));  // file:// is never throttled
}
