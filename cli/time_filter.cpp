#include "cli/time_filter.h"

#include <string>

#include "app/config.h"

namespace hw::cli {

std::optional<TimePoint> parse_since(std::string_view text, TimePoint now) {
  if (auto t = parse_utc(text)) {
    return t;
  }
  if (text.size() == 10) {
    if (auto t = parse_utc(std::string(text) + "T00:00:00Z")) {
      return t;
    }
  }
  if (auto age = app::parse_duration(text)) {
    return now - *age;
  }
  return std::nullopt;
}

}  // namespace hw::cli
