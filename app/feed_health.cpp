#include "app/feed_health.h"

namespace hw::app {

std::optional<Alert> feed_failing_alert(const storage::FeedRecord& feed, TimePoint now,
                                        std::chrono::hours after) {
  if (!feed.enabled || feed.error_count == 0 || !feed.failing_since || feed.failing_alerted_at ||
      now - *feed.failing_since < after) {
    return std::nullopt;
  }
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(now - *feed.failing_since);
  Alert a;
  a.kind = AlertKind::feed_failing;
  a.created_at = now;
  a.at = now;
  // The alert has no claim and no story: the message carries the feed, for the digest, the
  // log and webhooks alike.
  a.message = (feed.name.empty() ? feed.url : feed.name + " <" + feed.url + ">") +
              " has failed for " + std::to_string(hours.count()) + " h (" +
              std::to_string(feed.error_count) +
              (feed.error_count == 1 ? " attempt" : " attempts") + " since " +
              format_utc(*feed.failing_since) + ")" +
              (feed.last_error.empty() ? "" : "; last error: " + feed.last_error);
  return a;
}

}  // namespace hw::app
