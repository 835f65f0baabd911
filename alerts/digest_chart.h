#pragma once
// The mentions-per-day chart of one claim in the digest, for people reading mail.
#include <string>
#include <vector>

#include "util/time.h"

namespace hw::alerts {

// Total and busiest day of a series (per UTC day, oldest first, the last day being `today`).
struct MentionSummary {
  int total = 0;
  int busiest = 0;
};
MentionSummary summarize_mentions(const std::vector<int>& per_day);

// "mentions in the last 14 days: 6 (at most 3 a day)" for the text part.
std::string mentions_caption(const std::vector<int>& per_day);

// A bar chart made of table cells: mail clients drop scripts, SVG, remote images and often CSS,
// but render tables. A scale column gives the busiest day's count at the top and 0 at the
// bottom; the first and last dates sit under the bars; every bar has its date and count as a
// title. Empty for a series without a mention: a flat strip tells nothing.
std::string mentions_chart_html(const std::vector<int>& per_day, TimePoint today);

}  // namespace hw::alerts
