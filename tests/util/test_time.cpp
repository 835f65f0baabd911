#include <catch2/catch.hpp>

#include "util/time.h"

using namespace std::chrono;

TEST_CASE("format_utc and parse_utc round-trip whole seconds in UTC") {
  const hw::TimePoint t = sys_days{2012y / May / 23} + 14h + 5min + 9s;
  CHECK(hw::format_utc(t) == "2012-05-23T14:05:09Z");
  REQUIRE(hw::parse_utc("2012-05-23T14:05:09Z") == t);
}

TEST_CASE("parse_utc refuses anything but the canonical form") {
  CHECK_FALSE(hw::parse_utc("2012-05-23 14:05:09"));
  CHECK_FALSE(hw::parse_utc("2012-13-23T14:05:09Z"));
  CHECK_FALSE(hw::parse_utc("2012-02-30T14:05:09Z"));
  CHECK_FALSE(hw::parse_utc(""));
}
