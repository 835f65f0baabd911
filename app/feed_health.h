#pragma once
// Operational alerts about feeds: a feed that has failed for a day (issue: no one reads the
// feeds table every morning). Pure: the feed's record and the time in, the alert out.
#include <chrono>
#include <optional>

#include "model/alert.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

// A feed_failing alert when `feed` is enabled, has failed without a success since
// failing_since, for at least `after`, and this streak has not been reported yet
// (failing_alerted_at); nothing otherwise. A success ends the streak (the store clears both),
// so a feed that fails again for a day is reported again.
std::optional<Alert> feed_failing_alert(const storage::FeedRecord& feed, TimePoint now,
                                        std::chrono::hours after = std::chrono::hours(24));

}  // namespace hw::app
