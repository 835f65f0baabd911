#include "rules/evidence_gate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace hw::rules {

bool backs(ClaimStatus to, Stance stance, bool retraction) {
  switch (to) {
    case ClaimStatus::retracted:
      return retraction;
    case ClaimStatus::clarified:
      return stance == Stance::clarifies;
    case ClaimStatus::disputed:
      return stance == Stance::refutes && !retraction;
    case ClaimStatus::confirmed:
      return stance == Stance::confirms;
    case ClaimStatus::reported:
      return stance == Stance::supports || stance == Stance::mentions;
    case ClaimStatus::tracked:
      break;
  }
  return false;
}

int sources_needed(const Claim& policy, ClaimStatus to) {
  switch (to) {
    case ClaimStatus::disputed:
    case ClaimStatus::confirmed:
      return policy.min_sources;
    case ClaimStatus::clarified:
    case ClaimStatus::retracted:
      return policy.min_sources_resolve;
    case ClaimStatus::tracked:
    case ClaimStatus::reported:
      break;
  }
  return 1;
}

GateVerdict gate_transition(const Claim& policy, ClaimStatus to, const Match& current,
                            std::string_view current_site, const std::vector<SiteEvidence>& prior) {
  GateVerdict v;
  const double score = current.score;
  std::vector<std::string> sites{std::string(current_site)};
  for (const auto& e : prior) {
    if (e.score >= policy.min_score && backs(to, e.stance, e.retraction)) {
      sites.push_back(e.site);
    }
  }
  std::ranges::sort(sites);
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  char buffer[96];
  if (score < policy.min_score) {
    std::snprintf(buffer, sizeof buffer, "score %.2f below min_score %.2f", score,
                  policy.min_score);
    v.note = buffer;
    return v;
  }
  int needed = sources_needed(policy, to);
  // One clear denial disputes a claim: waiting for a second site leaves most debunked rumours
  // `reported` (docs/status.md, replay figures). A hesitant one still waits for corroboration.
  double best_denial = to == ClaimStatus::disputed ? score : 0.0;
  for (const auto& e : prior) {
    if (to == ClaimStatus::disputed && backs(to, e.stance, e.retraction)) {
      best_denial = std::max(best_denial, e.score);
    }
  }
  // Only for statement claims: their scores are the stance model's probabilities, on which the
  // threshold was calibrated; a hand rule's score measures how tightly its words cohere.
  if (to == ClaimStatus::disputed && policy.required.empty() &&
      best_denial >= policy.clear_denial_score) {
    needed = 1;
  }
  // Denials are weighed against reports, for statement claims too: the stance model misreads
  // about one headline in twenty as a denial, and a widely reported true story meets some.
  std::string balance_note;
  if (to == ClaimStatus::disputed && policy.required.empty() && policy.dispute_balance > 0.0) {
    std::vector<std::string> reporting;
    for (const auto& e : prior) {
      if (e.score >= policy.min_score &&
          (e.stance == Stance::supports || e.stance == Stance::confirms)) {
        reporting.push_back(e.site);
      }
    }
    std::ranges::sort(reporting);
    reporting.erase(std::unique(reporting.begin(), reporting.end()), reporting.end());
    const auto weighed = static_cast<int>(
        std::ceil(policy.dispute_balance * static_cast<double>(reporting.size()) - 1e-9));
    if (weighed > needed) {
      needed = weighed;
      balance_note = " against " + std::to_string(reporting.size()) + " reporting it";
    }
  }
  // A fact-check is an authoritative source: a publisher whose job is to establish the verdict,
  // with the sources it checked, is the corroboration min_sources would otherwise ask of a
  // second outlet (docs/status.md, "Fact-checks are authoritative").
  if (current.factcheck && needed > 1) {
    needed = 1;
    balance_note.clear();
  }
  const int have = static_cast<int>(sites.size());
  std::string list;
  for (const auto& site : sites) {
    list += (list.empty() ? "" : ", ") + (site.empty() ? std::string("(no link)") : site);
  }
  if (have < needed) {
    v.note = "waiting for " + std::to_string(needed) + " independent sources" + balance_note +
             ", have " + std::to_string(have) + (list.empty() ? "" : " (" + list + ")");
    return v;
  }
  v.pass = true;
  if (current.factcheck) {
    v.note = "fact-check: " + (current_site.empty() ? std::string("(no link)")
                                                    : std::string(current_site));
  } else if (needed > 1) {
    v.note = std::to_string(have) + " sources: " + list;
  }
  return v;
}

}  // namespace hw::rules
