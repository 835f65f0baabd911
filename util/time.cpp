#include "util/time.h"

#include <cstdio>

namespace hw {

std::string format_utc(TimePoint t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  const int year = int(ymd.year());
  if (year >= 0 && year <= 9999) {
    // Digits written directly: the writer thread formats five times per stored story, and
    // snprintf's format parsing was ~2.5 % of its instructions on a cold poll. Same text.
    std::string out = "0000-00-00T00:00:00Z";
    const auto two = [&](std::size_t at, long value) {
      out[at] = static_cast<char>('0' + value / 10);
      out[at + 1] = static_cast<char>('0' + value % 10);
    };
    two(0, year / 100);
    two(2, year % 100);
    two(5, unsigned(ymd.month()));
    two(8, unsigned(ymd.day()));
    two(11, hms.hours().count());
    two(14, hms.minutes().count());
    two(17, hms.seconds().count());
    return out;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()));
  return buf;
}

std::optional<TimePoint> parse_utc(std::string_view text) {
  int y, mo, d, h, mi, s;
  char z = 0;
  const std::string str(text);
  if (str.size() != 20 ||
      std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z') {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month(unsigned(mo)),
                                        std::chrono::day(unsigned(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{s};
}

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace hw
