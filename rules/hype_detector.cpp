#include "rules/hype_detector.h"

#include <algorithm>
#include <cstdio>

namespace hw::rules {

HypeVerdict detect_hype(const HypeCounts& counts, const Claim& policy) {
  HypeVerdict v;
  v.baseline_per_day = static_cast<double>(counts.baseline_stories) / kHypeBaselineDays;
  const double floor = std::max(v.baseline_per_day, 1.0);
  const double ratio = static_cast<double>(counts.recent_stories) / floor;
  v.spike = counts.recent_stories >= policy.hype_min_mentions && counts.recent_sites >= 2 &&
            ratio >= policy.hype_factor;
  char buffer[160];
  std::snprintf(buffer, sizeof buffer,
                "%d stories from %d sites in 24 h, %.1fx the daily average of %.1f over the "
                "previous %d days",
                counts.recent_stories, counts.recent_sites, ratio, v.baseline_per_day,
                kHypeBaselineDays);
  v.message = buffer;
  return v;
}

}  // namespace hw::rules
