#include "cli/story_time.h"

namespace hw::cli {

std::string story_time_cell(std::optional<TimePoint> published, TimePoint first_seen) {
  if (published) {
    return format_utc(*published);
  }
  return format_utc(first_seen) + std::string(kFirstSeenMarker);
}

}  // namespace hw::cli
