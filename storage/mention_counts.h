#pragma once
// How many stories mention a claim, per window: the one count behind hype detection
// (ClaimLedger::claim_snapshot → rules::hype_detector), the 24H/7D/TREND columns of
// `hypewatch claims` (cli/claim_activity) and the digest's per-day chart (DigestOutbox::mentions).
//
// The count: a mention is a stored story with at least one match of the claim, placed at its
// evidence time as recorded on the match (matches.evidence_at: the story's published time, else
// when it was first seen). A window counts each such story once. Windows are right-closed,
// (end - width, end], so the story that defines `end` (the newest evidence, or the story being
// judged) falls in the last window; the digest ends its windows at 23:59:59 to get UTC days
// (times are whole seconds). docs/status.md ("Counting mentions") says why these choices.
#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/database.h"
#include "util/time.h"

namespace hw::storage {

// `count` consecutive windows of `width`, the last one ending at `end` (inclusive).
struct MentionWindows {
  TimePoint end{};
  std::chrono::seconds width{std::chrono::hours(24)};
  int count = 1;
};

// Stories mentioning `claim_id` per window, oldest window first (size windows.count), without
// story `except_story` when it is non-zero (the story being judged). One aggregate query over
// the (claim_id, evidence_at) index. Throws StorageError.
std::vector<int> mention_counts(Database& db, std::string_view claim_id,
                                const MentionWindows& windows, std::int64_t except_story = 0);

}  // namespace hw::storage
