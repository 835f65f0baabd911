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

// The site a story comes from: the host of its link, lower-cased, without a leading "www."
// ("https://www.Example.org/a" -> "example.org"); "" when the link has no host.
std::string site_of(std::string_view url);

// Whether a match with this stance is evidence for moving a claim to `to`.
bool backs(ClaimStatus to, Stance stance, bool retraction);

// How many distinct sites `to` needs under the claim's policy: min_sources for disputed and
// confirmed, min_sources_resolve for clarified and retracted, 1 for reported.
int sources_needed(const Claim& policy, ClaimStatus to);

struct GateVerdict {
  bool pass = false;
  std::string note;  // for the history: "2 sites: a.example, b.example" or why it waits
};

// `sites`: the distinct sites of every story so far that backs `to` with a qualifying score,
// the current story included.
GateVerdict gate_transition(const Claim& policy, ClaimStatus to, double score,
                            const std::vector<std::string>& sites);

}  // namespace hw::rules
