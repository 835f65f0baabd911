#include "rules/claim_engine.h"

#include <algorithm>
#include <set>

#include "rules/status_engine.h"

namespace hw::rules {
namespace {

Alert alert_for(AlertKind kind, const Match& match, const EvidenceStory& story, TimePoint now) {
  Alert a;
  a.kind = kind;
  a.claim_id = match.claim_id;
  a.story_id = story.story_id;
  a.story_title = story.title;
  a.story_link = story.link;
  a.created_at = now;
  a.at = story.at;
  a.backfill = story.backfill;
  return a;
}

// The current story joins the stored window: a story counts once, its site once.
HypeCounts hype_counts(const ClaimEvidence& e, const EvidenceStory& story) {
  std::set<std::string> sites(e.window_sites.begin(), e.window_sites.end());
  sites.insert(story.site);
  return {e.window_stories + 1, static_cast<int>(sites.size()), e.baseline_stories};
}

}  // namespace

Judgment judge(const Claim& policy, const Match& match, const EvidenceStory& story,
               const ClaimEvidence& evidence, TimePoint now) {
  Judgment out;
  Decision d = decide(evidence.status, match);
  std::string gate_note;
  if (d.new_status && evidence.manual) {
    d.new_status.reset();  // a person decided; the match is still recorded as evidence
  } else if (d.new_status) {
    const auto gate = gate_transition(policy, *d.new_status, match, story.site, evidence.sites);
    if (!gate.pass) {
      d.new_status.reset();  // waits for more sources; the stored match counts next time
    }
    gate_note = gate.note;
  }
  if (d.new_status) {
    StatusChange change;
    change.claim_id = match.claim_id;
    change.from = evidence.status;
    change.to = *d.new_status;
    change.at = story.at;
    change.recorded_at = now;
    change.actor = "engine";
    change.rule = gate_note.empty() ? match.rule : match.rule + "; " + gate_note;
    change.evidence_text = match.evidence;
    change.reason = d.reason;
    change.story_id = story.story_id;
    change.revision_id = story.revision_id;
    out.changes.push_back(std::move(change));

    Alert a = alert_for(AlertKind::status_change, match, story, now);
    a.from = evidence.status;
    a.to = *d.new_status;
    a.message = d.reason;
    out.alerts.push_back(std::move(a));
  }
  // One repeat alert per story, however often it is revised; and only for a story published
  // after the resolution (re-judging older stories for an edited claim repeats nothing).
  if (d.repeated_after_resolution && !evidence.story_raised_repeat && story.at >= evidence.since) {
    Alert a = alert_for(AlertKind::repeated_after_clarification, match, story, now);
    a.to = evidence.status;
    a.repeat_count = evidence.repeats_since_change + 1;
    a.message = "story repeats the claim although it was " +
                std::string(to_string(evidence.status)) + ": " + match.evidence;
    out.alerts.push_back(std::move(a));
  }
  // At most one hype_spike per claim per 24 hours of evidence time, so a replayed archive
  // finds the spikes it had, however many polls it takes.
  const auto hype = detect_hype(hype_counts(evidence, story), policy);
  if (hype.spike && !evidence.hype_alert_near) {
    Alert a = alert_for(AlertKind::hype_spike, match, story, now);
    a.to = d.new_status.value_or(evidence.status);
    a.message = hype.message;
    out.alerts.push_back(std::move(a));
  }
  return out;
}

Judgment judge_story(const std::vector<Claim>& policies, const std::vector<Match>& matches,
                     const EvidenceStory& story, const EvidenceReader& reader, TimePoint now) {
  Judgment out;
  for (const Match& m : matches) {
    const auto policy =
        std::ranges::find_if(policies, [&](const Claim& c) { return c.id == m.claim_id; });
    if (policy == policies.end()) {
      continue;  // not (or no longer) in the claims file
    }
    Judgment j = judge(*policy, m, story, reader.read(m.claim_id, story), now);
    std::ranges::move(j.changes, std::back_inserter(out.changes));
    std::ranges::move(j.alerts, std::back_inserter(out.alerts));
  }
  return out;
}

}  // namespace hw::rules
