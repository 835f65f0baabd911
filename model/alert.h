#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/claim.h"
#include "util/time.h"

namespace hw {

// feed_failing is operational, not about a claim: a feed has failed for a day
// (app/feed_health.h); its claim_id is empty and the message names the feed.
enum class AlertKind { status_change, repeated_after_clarification, hype_spike, feed_failing };

// Every kind, in declaration order: the one list for parsing names (database, config) and
// for listing counts per kind.
inline constexpr std::array kAlertKinds{AlertKind::status_change,
                                        AlertKind::repeated_after_clarification,
                                        AlertKind::hype_spike, AlertKind::feed_failing};

std::string_view to_string(AlertKind k);
std::optional<AlertKind> alert_kind_from_string(std::string_view name);

// An alert raised by the status engine; stored in the same transaction as its cause.
struct Alert {
  AlertKind kind = AlertKind::status_change;
  std::string claim_id;
  std::optional<ClaimStatus> from;        // status_change only
  ClaimStatus to = ClaimStatus::tracked;  // status after the event (unchanged for repeats)
  std::int64_t story_id = 0;              // evidence story (0 = none, e.g. manual)
  std::string story_title;
  std::string story_link;
  std::string message;  // one line for people: what happened and why
  TimePoint created_at{};  // when hypewatch raised it (wall clock)
  // The evidence time of the story that raised it (published, else first seen): what the
  // "one hype_spike per 24 hours" rule and a replayed archive go by. Zero = created_at.
  TimePoint at{};
  // Raised while evaluating stories already stored for a new or changed claim (a rescan):
  // old evidence, not news. Kept out of the digest (docs/status.md, "Claims change").
  bool backfill = false;
  int repeat_count = 0;  // repeated_after_clarification: repeats since the status was set
};

}  // namespace hw
