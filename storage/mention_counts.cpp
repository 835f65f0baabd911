#include "storage/mention_counts.h"

#include <algorithm>
#include <string>

#include "storage/connection.h"

namespace hw::storage {

std::vector<int> mention_counts(Database& db, std::string_view claim_id,
                                const MentionWindows& windows, std::int64_t except_story) {
  std::vector<int> out(static_cast<std::size_t>(std::max(windows.count, 0)), 0);
  if (out.empty() || windows.width.count() <= 0) {
    return out;
  }
  return in_context("count mentions of claim " + std::string(claim_id), [&] {
    const TimePoint start = windows.end - windows.width * windows.count;
    // k = how many whole widths before `end` the mention lies: 0 is the last window. Integer
    // seconds on both sides, so a boundary never rounds into the wrong window.
    auto st = db.cached(
        "SELECT (unixepoch(?3) - unixepoch(evidence_at)) / ?4 AS k, count(DISTINCT story_id) "
        "FROM matches WHERE claim_id = ?1 AND story_id <> ?2 AND evidence_at > ?5 "
        "AND evidence_at <= ?3 GROUP BY k");
    st->bind(1, claim_id).bind(2, except_story).bind(3, windows.end);
    st->bind(4, static_cast<std::int64_t>(windows.width.count())).bind(5, start);
    while (st->step()) {
      const std::int64_t k = st->column_int64(0);
      if (k >= 0 && k < windows.count) {
        out[out.size() - 1 - static_cast<std::size_t>(k)] = st->column_int(1);
      }
    }
    return out;
  });
}

}  // namespace hw::storage
