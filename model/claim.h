#pragma once
// Claims, their status and the evidence that moves it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.h"

namespace hw {

// tracked (no evidence yet) -> reported -> disputed | clarified | confirmed | retracted
enum class ClaimStatus { tracked, reported, disputed, clarified, confirmed, retracted };

// What a story says about a claim.
enum class Stance { supports, refutes, clarifies, confirms, mentions };

std::string_view to_string(ClaimStatus s);
std::optional<ClaimStatus> claim_status_from_string(std::string_view s);
std::string_view to_string(Stance s);
std::optional<Stance> stance_from_string(std::string_view s);

// A claim as written in the claims file.
struct Claim {
  std::string id;         // stable key, e.g. "yemen-hacking"
  std::string statement;  // one sentence
  ClaimStatus initial_status = ClaimStatus::tracked;
  // Every group must match; within a group any term. Terms are words or phrases; a trailing
  // '*' matches any word starting with the stem ("hack*" matches "hacked", "hacking").
  std::vector<std::vector<std::string>> required;
  std::vector<std::string> clarification_phrases;
  std::vector<std::string> refutation_phrases;
  std::vector<std::string> confirmation_phrases;
  std::vector<std::string> retraction_phrases;

  // Evidence thresholds (docs/status.md, "Evidence thresholds"): a story moves the status only
  // when its match scores at least min_score; `disputed` and `confirmed` need that many
  // distinct sites (hosts) among the qualifying stories, `clarified` and `retracted`
  // min_sources_resolve (one authoritative story by default).
  double min_score = 0.5;
  int min_sources = 2;
  int min_sources_resolve = 1;
  // A denial scoring at least this disputes the claim from one site (docs/status.md).
  double clear_denial_score = 0.9;
  // A statement claim is disputed only when the sites denying it are at least this share of
  // the sites reporting it as fact: one misread headline among ten reports is not a dispute
  // (docs/status.md, "Denials are weighed against reports").
  double dispute_balance = 0.2;
  // Hype (docs/status.md, "Hype"): a hype_spike alert when the last 24 hours hold at least
  // hype_min_mentions stories from at least two sites and hype_factor times the claim's daily
  // average over the 7 days before.
  int hype_min_mentions = 5;
  double hype_factor = 3.0;
};

// The matcher's verdict for one (story, claim) pair.
struct Match {
  std::string claim_id;
  Stance stance = Stance::mentions;
  bool retraction = false;  // the story retracts the claim (stance is then `refutes`)
  double score = 0.0;       // 0..1
  std::string evidence;     // the sentence that carried the decision
  std::string rule;  // what fired, e.g. "required+clarification:'purchase of advertisements'"
  // From a fact-checker's ClaimReview: an authoritative source for the evidence gate
  // (docs/status.md, "Fact-checks are authoritative").
  bool factcheck = false;
};

}  // namespace hw
