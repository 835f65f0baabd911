#include "cli/claim_activity.h"

#include <chrono>
#include <numeric>

namespace hw::cli {

Activity claim_activity(const storage::Store& store, const std::string& claim_id, TimePoint now) {
  Activity a;
  const auto per_day = store.claims().mention_counts(claim_id, {now, std::chrono::hours(24), 7});
  a.day = per_day.back();
  a.week = std::accumulate(per_day.begin(), per_day.end(), std::int64_t{0});
  const double before = static_cast<double>(a.week - a.day) / 6.0;
  if (a.week == 0) {
    a.trend = "-";
  } else if (static_cast<double>(a.day) > 1.5 * before && a.day >= 2) {
    a.trend = "up";
  } else if (static_cast<double>(a.day) < 0.5 * before) {
    a.trend = "down";
  } else {
    a.trend = "flat";
  }
  return a;
}

}  // namespace hw::cli
