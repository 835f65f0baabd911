#pragma once
// The status engine for one match: the whole policy of docs/status.md in one pure piece. Given
// what the store knows about the claim (ClaimEvidence, read through EvidenceReader) and one
// story's match, it returns the history entry and the alerts to record: decide(), the manual
// override, the evidence gate, repeat alerts and hype. No database, no clock: the caller reads
// the snapshot, passes the time, and writes the result in one transaction.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/alert.h"
#include "model/claim.h"
#include "model/status_change.h"
#include "rules/evidence_gate.h"
#include "rules/hype_detector.h"
#include "rules/source_credibility.h"
#include "util/time.h"

namespace hw::rules {

// What the engine needs to know about one claim before judging one story's match. Every field
// is bounded (sites x stances, a count, a flag), whatever the size of the archive.
struct ClaimEvidence {
  ClaimStatus status = ClaimStatus::tracked;
  TimePoint since{};    // evidence time of the change to `status`
  bool manual = false;  // the latest history entry was set by a person
  // Stored matches per (site, stance, retraction), best score, without the current story.
  std::vector<SiteEvidence> sites;
  // Other stories about the claim by evidence time: the 24 hours up to the current story and
  // the kHypeBaselineDays days before; the current story is not counted (the engine adds it).
  int window_stories = 0;
  std::vector<std::string> window_sites;  // distinct sites of those window stories
  int baseline_stories = 0;
  bool story_raised_repeat = false;  // this story already raised repeated_after_clarification
  int repeats_since_change = 0;      // repeat alerts since the claim's last status change
  bool hype_alert_near = false;      // a hype_spike whose evidence time is within 24 h of `at`
};

// The story being evaluated.
struct EvidenceStory {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::string title;
  std::string link;       // "" when the feed gave none
  std::string site;       // url_site(link), else of the feed URL
  TimePoint at{};         // evidence time: published, else first seen
  bool backfill = false;  // a rescan of stored stories for a new or changed claim
};

// Read access to the claim's stored evidence, one bounded snapshot per (claim, story).
class EvidenceReader {
 public:
  virtual ~EvidenceReader() = default;
  virtual ClaimEvidence read(const std::string& claim_id, const EvidenceStory& story) const = 0;
};

struct Judgment {
  std::vector<StatusChange> changes;  // at most one
  std::vector<Alert> alerts;
};

// The policy for one match of `story` to the claim `policy` (docs/status.md). `now` is the
// record time (recorded_at / created_at); every other time is the story's evidence time.
// `low_credibility`: the sites known for fabricated or satirical news (docs/status.md, "Where a
// rumour starts").
Judgment judge(const Claim& policy, const Match& match, const EvidenceStory& story,
               const ClaimEvidence& evidence, TimePoint now,
               std::span<const std::string> low_credibility = default_low_credibility_sites());

// judge() for every match of one story whose claim is in `policies`, reading each claim's
// snapshot from `reader`. Matches of unknown (retired) claims are skipped.
Judgment judge_story(
    const std::vector<Claim>& policies, const std::vector<Match>& matches,
    const EvidenceStory& story, const EvidenceReader& reader, TimePoint now,
    std::span<const std::string> low_credibility = default_low_credibility_sites());

}  // namespace hw::rules
