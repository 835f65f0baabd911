#include "app/store_evidence_reader.h"

namespace hw::app {

rules::ClaimEvidence StoreEvidenceReader::read(const std::string& claim_id,
                                               const rules::EvidenceStory& story) const {
  auto snap = m_store.claims().claim_snapshot(claim_id, story.story_id, story.at);
  rules::ClaimEvidence e;
  e.status = snap.status;
  e.since = snap.since;
  e.manual = snap.manual;
  for (auto& row : snap.sites) {
    e.sites.push_back({std::move(row.site), row.stance, row.retraction, row.score});
  }
  e.window_stories = snap.window_stories;
  e.window_sites = std::move(snap.window_sites);
  e.baseline_stories = snap.baseline_stories;
  e.story_raised_repeat = snap.story_raised_repeat;
  e.repeats_since_change = snap.repeats_since_change;
  e.hype_alert_near = snap.hype_alert_near;
  return e;
}

}  // namespace hw::app
