#pragma once
// The claim ledger: claims as the claims file defines them, their status history, the matches
// that are their evidence, and the snapshot the status engine judges a story against. A status
// change, its matches and the alerts it raised are written in one transaction
// (record_evaluation). Over the store's one connection (Store::claims()).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/alert.h"
#include "model/claim.h"
#include "model/status_change.h"
#include "storage/connection.h"
#include "storage/mention_counts.h"
#include "util/time.h"

namespace hw::storage {

struct ClaimRecord {
  std::string id;
  std::string statement;
  ClaimStatus status = ClaimStatus::tracked;
  TimePoint since{};                    // evidence time of the last status change
  std::int64_t matches = 0;             // story×claim matches recorded
  std::optional<TimePoint> retired_at;  // when it left the claims file; nullopt = active
};

// A claim as the claims file defines it, for sync_claims: the claim and the hash of its
// definition (statement and rules; a change means the stored stories are evaluated again).
struct ClaimDefinition {
  Claim claim;
  std::string hash;
};

// What sync_claims found: claims whose stored stories must be evaluated (new, changed, or
// un-retired with a changed definition), and claims it retired.
struct ClaimSync {
  std::vector<std::string> to_scan;
  std::vector<std::string> retired;
};

// One row per (site, stance, retraction) of a claim's stored matches, with the best score.
struct SiteEvidenceRow {
  std::string site;
  Stance stance = Stance::mentions;
  bool retraction = false;
  double score = 0.0;
};

// What the status engine needs to know about one claim before judging one story's match
// (rules::ClaimEvidence), read with a few aggregate queries over indexes: bounded by sites x
// stances and by the stories of an 8-day window, never by the size of the archive.
struct ClaimSnapshot {
  ClaimStatus status = ClaimStatus::tracked;
  TimePoint since{};                   // claims.status_since
  bool manual = false;                 // latest history entry has actor "manual"
  std::vector<SiteEvidenceRow> sites;  // without the story being evaluated
  int window_stories = 0;              // other stories with evidence time in (at - 24 h, at]
  std::vector<std::string> window_sites;
  int baseline_stories = 0;          // other stories in the 7 days before the window
                                     // (both: the mention count, storage/mention_counts.h)
  bool story_raised_repeat = false;  // this story already has a repeat alert for the claim
  int repeats_since_change = 0;      // repeat alerts since the last status_change alert
  bool hype_alert_near = false;      // a hype_spike with evidence time within 24 h of `at`
};

// One entry of a claim's status history (model/status_change.h).
using hw::StatusChange;

struct HistoryEntry {
  std::int64_t seq = 0;  // 1-based order within the claim
  StatusChange change;
  std::string story_title;  // evidence story, when there is one
  std::string story_link;
  std::string feed_url;
};

struct StoredMatch {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  Match match;
  TimePoint matched_at{};
};

// Everything one evaluation of one story revision produced. Written in ONE transaction, so a
// status change and the alert it raised are never separated.
struct EvaluationWrite {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::vector<Match> matches;
  std::string site;                   // the story's site (hw::url_site), stored on its matches
  TimePoint evidence_at{};            // the story's evidence time, stored on its matches; zero = at
  bool dequeue = true;                // take revision_id off the pending queue (false for a rescan)
  std::vector<StatusChange> changes;  // also updates claims.status / status_since
  std::vector<Alert> alerts;
  TimePoint at{};
};

// One stored match of a claim with its story's evidence time and where it was published (a
// claim's evidence as `export claimreview` cites it). Counting mentions is mention_counts' job.
struct ClaimMention {
  std::int64_t story_id = 0;
  std::string link;      // the story's link ("" when the feed gave none)
  std::string feed_url;  // its feed
  Stance stance = Stance::mentions;
  bool retraction = false;
  double score = 0.0;
  TimePoint at{};  // the story's published time, else when it was first seen
};

class ClaimLedger {
 public:
  explicit ClaimLedger(Connection connection) : m_conn(connection) {}

  // Claims. New claims get a row with their initial status and an "initial" history entry
  // dated at the earlier of `at` and the oldest stored evidence (a claim is judged on every
  // stored story, so it is tracked from before them); known claims keep their status (the
  // statement and definition hash are updated). Claims missing from `claims` are retired
  // (kept with their history, no longer evaluated); listing one again un-retires it.
  ClaimSync sync_claims(const std::vector<ClaimDefinition>& claims, TimePoint at);
  // The stored stories of `claim_id` have been evaluated under definition `hash`.
  void mark_scanned(std::string_view claim_id, std::string_view hash);
  std::optional<ClaimRecord> claim(std::string_view id) const;
  std::vector<ClaimRecord> list_claims(bool include_retired = false) const;
  std::vector<HistoryEntry> history(std::string_view claim_id) const;
  std::vector<StoredMatch> matches_for_claim(std::string_view claim_id) const;
  std::vector<StoredMatch> matches_for_story(std::int64_t story_id) const;
  // The engine's snapshot of `claim_id` before judging story `story_id` with evidence time
  // `at` (ClaimSnapshot).
  ClaimSnapshot claim_snapshot(std::string_view claim_id, std::int64_t story_id,
                               TimePoint at) const;
  // Whether (revision, claim) has a match made under the claim's current definition.
  bool matched_under_current_definition(std::int64_t revision_id, std::string_view claim_id) const;

  // Everything in `w` or nothing; also takes w.revision_id off the pending queue. The queue entry
  // is claimed first, inside the transaction: when w.dequeue is set and the revision is no longer
  // queued (another process evaluated it in between), nothing is written and false is returned,
  // so no interleaving of two evaluators can record an alert twice. Matches already
  // stored for (revision, claim) are kept as they were. A change without story_id/revision_id cites
  // w.story_id/w.revision_id when those are non-zero; 0 story ids and empty claim ids on alerts are
  // stored as NULL. A zero recorded_at/created_at means w.at. Also serves manual overrides (no
  // story, actor "manual").
  bool record_evaluation(const EvaluationWrite& w);
  // record_evaluation of each revision with no match, change or alert (it only leaves the
  // queue), in one transaction: the poll cycle settles most of a cold poll's stories this way
  // (app/story_screen.h), and a savepoint per story was most of what their evaluation cost.
  // Returns how many were still queued (the others were evaluated by someone else).
  std::size_t record_unmatched(std::span<const std::int64_t> revision_ids);

  // Matches of `claim_id` whose story's evidence time is in [from, to), one per stored match
  // row (a revised story can appear more than once), oldest match first.
  std::vector<ClaimMention> claim_mentions(std::string_view claim_id, TimePoint from,
                                           TimePoint to) const;
  // Stories mentioning `claim_id` per window, oldest first: the one mention count
  // (storage/mention_counts.h) that hype detection and the digest's chart use too.
  std::vector<int> mention_counts(std::string_view claim_id, const MentionWindows& windows) const;

 private:
  void insert_history(const StatusChange& c, std::optional<std::int64_t> story_id,
                      std::optional<std::int64_t> revision_id, TimePoint recorded_at);

  Connection m_conn;
};

}  // namespace hw::storage
