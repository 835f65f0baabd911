#pragma once
// Hype spikes (docs/status.md, "Hype"): a claim is hyped when the last 24 hours hold far more
// stories about it than its own recent past. Pure: the caller counts stories in the windows.
#include <chrono>
#include <string>

#include "model/claim.h"

namespace hw::rules {

constexpr std::chrono::hours kHypeWindow{24};
constexpr int kHypeBaselineDays = 7;  // the baseline: the 7 days before the window

struct HypeCounts {
  int recent_stories = 0;    // distinct stories in the last 24 hours
  int recent_sites = 0;      // their distinct sites
  int baseline_stories = 0;  // distinct stories in the kHypeBaselineDays days before
};

struct HypeVerdict {
  bool spike = false;
  double baseline_per_day = 0.0;
  std::string message;  // "12 stories from 5 sites in 24 h, 3.0x the daily average of 1.4"
};

// A spike needs all of: recent_stories >= hype_min_mentions (no alerts on tiny counts),
// recent_sites >= 2 (one site republishing is not hype), and recent_stories >= hype_factor x
// max(baseline per day, 1) (the floor of 1 keeps a claim that was silent from alerting on its
// first few stories).
HypeVerdict detect_hype(const HypeCounts& counts, const Claim& policy);

}  // namespace hw::rules
