#include <catch2/catch.hpp>

#include <cstdio>
#include <random>
#include <vector>

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

TEST_CASE("format_utc writes what snprintf wrote, whatever the year") {
  std::mt19937_64 rng(3);
  // From before year 0 to after 9999, and the edges of the four-digit years.
  std::uniform_int_distribution<long long> seconds(-70000000000LL, 260000000000LL);
  std::vector<long long> samples = {-62167219200LL, -62167219201LL, 253402300799LL, 253402300800LL,
                                    0};
  for (int i = 0; i < 20000; ++i) {
    samples.push_back(seconds(rng));
  }
  for (const long long s : samples) {
    const hw::TimePoint t{std::chrono::seconds{s}};
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{t - days};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                  long(hms.minutes().count()), long(hms.seconds().count()));
    INFO(s);
    REQUIRE(hw::format_utc(t) == buf);
  }
}
