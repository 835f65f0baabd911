#include "rules/claim_engine.h"

#include <algorithm>
#include <set>

#include "rules/source_credibility.h"
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

bool reports(Stance s) {
  return s == Stance::supports || s == Stance::mentions || s == Stance::confirms;
}

// Whether sites known for fabricated or satirical news carry the claim (docs/status.md, "Where
// a rumour starts"): the story is from one, and such sites are at least half of the sites that
// reported the claim so far, this one included; and the story is either its first report or
// the second such site. One made-up story picked up by one such site is not enough.
bool made_up(const Match& match, const EvidenceStory& story, const ClaimEvidence& evidence,
             std::span<const std::string> low_credibility) {
  if (match.factcheck || match.retraction || !reports(match.stance) ||
      (evidence.status != ClaimStatus::tracked && evidence.status != ClaimStatus::reported) ||
      !site_listed(story.site, low_credibility)) {
    return false;
  }
  std::set<std::string> reporting{story.site};
  std::set<std::string> listed{story.site};
  for (const auto& e : evidence.sites) {
    if (reports(e.stance) && !e.retraction) {
      reporting.insert(e.site);
      if (site_listed(e.site, low_credibility)) {
        listed.insert(e.site);
      }
    }
  }
  return 2 * listed.size() >= reporting.size() && (reporting.size() == 1 || listed.size() >= 2);
}

// The current story joins the stored window: a story counts once, its site once.
HypeCounts hype_counts(const ClaimEvidence& e, const EvidenceStory& story) {
  std::set<std::string> sites(e.window_sites.begin(), e.window_sites.end());
  sites.insert(story.site);
  return {e.window_stories + 1, static_cast<int>(sites.size()), e.baseline_stories};
}

}  // namespace

Judgment judge(const Claim& policy, const Match& match, const EvidenceStory& story,
               const ClaimEvidence& evidence, TimePoint now,
               std::span<const std::string> low_credibility) {
  Judgment out;
  Decision d = decide(evidence.status, match);
  // Where a rumour starts says what it is: carried by sites that make stories up, it is
  // disputed. The sites are the evidence, so there is no denying source to wait for.
  const bool from_made_up_news = made_up(match, story, evidence, low_credibility);
  if (from_made_up_news) {
    d = Decision{ClaimStatus::disputed, false,
                 std::string(to_string(evidence.status)) +
                     " -> disputed: reported by sites known for fabricated or satirical news (" +
                     story.site + ")"};
  }
  std::string gate_note;
  if (d.new_status && evidence.manual) {
    d.new_status.reset();  // a person decided; the match is still recorded as evidence
  } else if (from_made_up_news) {
    gate_note = "origin: " + story.site;
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
                     const EvidenceStory& story, const EvidenceReader& reader, TimePoint now,
                     std::span<const std::string> low_credibility) {
  Judgment out;
  for (const Match& m : matches) {
    const auto policy =
        std::ranges::find_if(policies, [&](const Claim& c) { return c.id == m.claim_id; });
    if (policy == policies.end()) {
      continue;  // not (or no longer) in the claims file
    }
    Judgment j = judge(*policy, m, story, reader.read(m.claim_id, story), now, low_credibility);
    std::ranges::move(j.changes, std::back_inserter(out.changes));
    std::ranges::move(j.alerts, std::back_inserter(out.alerts));
  }
  return out;
}

}  // namespace hw::rules
