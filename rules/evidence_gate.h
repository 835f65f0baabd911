#pragma once
// Evidence thresholds of the status engine (docs/status.md, "Evidence thresholds"). decide()
// judges one story; these say whether the evidence gathered so far is enough for the change
// decide() proposes: a score threshold, and a number of independent sources (distinct sites)
// that depends on the target status. Pure: the caller gathers the sites from the database.
#include <string>
#include <string_view>
#include <vector>

#include "model/claim.h"

namespace hw::rules {


// Whether a match with this stance is evidence for moving a claim to `to`.
bool backs(ClaimStatus to, Stance stance, bool retraction);

// How many distinct sites `to` needs under the claim's policy: min_sources for disputed and
// confirmed, min_sources_resolve for clarified and retracted, 1 for reported.
int sources_needed(const Claim& policy, ClaimStatus to);

// What the claim's stored evidence says, one row per (site, stance, retraction) with the best
// score seen: bounded by sites x stances however many stories repeat the claim.
struct SiteEvidence {
  std::string site;
  Stance stance = Stance::mentions;
  bool retraction = false;
  double score = 0.0;
};

struct GateVerdict {
  bool pass = false;
  std::string note;  // for the history: "2 sites: a.example, b.example" or why it waits
};

// Whether the evidence allows the change to `to` that decide() proposed for `current` (the
// match of the story being evaluated, from `current_site`). `prior`: the claim's stored
// evidence (SiteEvidence), without the current story.
GateVerdict gate_transition(const Claim& policy, ClaimStatus to, const Match& current,
                            std::string_view current_site, const std::vector<SiteEvidence>& prior);

}  // namespace hw::rules
