// Per-host politeness bookkeeping, with the time passed in.
#include <catch2/catch.hpp>

#include "feeds/host_throttle.h"

using namespace std::chrono;
using hw::feeds::host_of;
using hw::feeds::HostThrottle;

TEST_CASE("host_of: the name, lowercased, without userinfo or port") {
  CHECK(host_of("https://Feeds.Example.COM/rss") == "feeds.example.com");
  CHECK(host_of("http://user:pw@news.example:8080/x?y#z") == "news.example");
  CHECK(host_of("http://[::1]:8080/feed") == "[::1]");
  CHECK(host_of("HTTP://a.example") == "a.example");
  CHECK(host_of("file:///tmp/feed.xml").empty());
  CHECK(host_of("not a url").empty());
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
