#pragma once
// The 24H, 7D and TREND columns of `hypewatch claims`: a claim's mentions over the last day and
// week, from the one mention count (storage/mention_counts.h) that hype detection and the
// digest's chart use too.
#include <cstdint>
#include <string>

#include "storage/store.h"
#include "util/time.h"

namespace hw::cli {

struct Activity {
  std::int64_t day = 0;   // mentions in (now - 24 h, now]
  std::int64_t week = 0;  // mentions in (now - 7 days, now]
  std::string trend;      // up | down | flat | - (nothing this week)
};

// The trend compares the last 24 hours with the daily average of the 6 days before
// (docs/status.md).
Activity claim_activity(const storage::Store& store, const std::string& claim_id, TimePoint now);

}  // namespace hw::cli
