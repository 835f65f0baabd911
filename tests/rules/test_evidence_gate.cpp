#include <catch2/catch.hpp>

#include "rules/evidence_gate.h"
#include "rules/hype_detector.h"

using hw::ClaimStatus;
using namespace hw::rules;

namespace {

hw::Match scored(double score, hw::Stance stance = hw::Stance::refutes) {
  hw::Match m;
  m.stance = stance;
  m.score = score;
  return m;
}

}  // namespace

TEST_CASE("thresholds depend on the target status and the claim's policy") {
  hw::Claim policy;
  policy.required = {{"hand rule"}};  // a hand-written claim: denials need two sites
  const std::vector<SiteEvidence> none;
  const std::vector<SiteEvidence> b_refutes{{"b.example", hw::Stance::refutes, false, 0.9}};
  CHECK_FALSE(gate_transition(policy, ClaimStatus::disputed, scored(0.9), "a.example", none).pass);
  CHECK(gate_transition(policy, ClaimStatus::disputed, scored(0.9), "a.example", b_refutes).pass);
  // The same site twice is one source.
  CHECK_FALSE(gate_transition(policy, ClaimStatus::disputed, scored(0.9), "b.example", b_refutes)
                  .pass);
  CHECK(gate_transition(policy, ClaimStatus::clarified, scored(0.9, hw::Stance::clarifies),
                        "a.example", none)
            .pass);
  CHECK_FALSE(gate_transition(policy, ClaimStatus::reported, scored(0.4, hw::Stance::supports),
                              "a.example", none)
                  .pass);
  policy.min_sources_resolve = 2;
  hw::Match retraction = scored(0.9);
  retraction.retraction = true;
  CHECK_THAT(gate_transition(policy, ClaimStatus::retracted, retraction, "a.example", none).note,
             Catch::Contains("waiting for 2 independent sources, have 1"));
  CHECK(backs(ClaimStatus::disputed, hw::Stance::refutes, false));
  CHECK_FALSE(backs(ClaimStatus::disputed, hw::Stance::refutes, true));
}

TEST_CASE("a statement claim is disputed by one clear denial, a hesitant one waits") {
  hw::Claim policy;  // statement only: scores are the stance model's probabilities
  const std::vector<SiteEvidence> none;
  CHECK(gate_transition(policy, ClaimStatus::disputed, scored(0.9), "a.example", none).pass);
  CHECK_THAT(gate_transition(policy, ClaimStatus::disputed, scored(0.85), "a.example", none).note,
             Catch::Contains("waiting for 2 independent sources"));
  CHECK_THAT(gate_transition(policy, ClaimStatus::disputed, scored(0.6), "a.example", none).note,
             Catch::Contains("waiting for 2 independent sources"));
  // A clear denial stored earlier lets a hesitant one from elsewhere... and itself suffices.
  const std::vector<SiteEvidence> clear{{"b.example", hw::Stance::refutes, false, 0.9}};
  CHECK(gate_transition(policy, ClaimStatus::disputed, scored(0.6), "a.example", clear).pass);
  // Repetition is not confirmation: any number of sites supporting it does not confirm it.
  std::vector<SiteEvidence> repeats;
  for (int i = 0; i < 20; ++i) {
    repeats.push_back({"site" + std::to_string(i) + ".example", hw::Stance::supports, false, 0.9});
  }
  CHECK_FALSE(backs(ClaimStatus::confirmed, hw::Stance::supports, false));
  CHECK_FALSE(
      gate_transition(policy, ClaimStatus::confirmed, scored(0.9, hw::Stance::confirms), "a.example",
                      repeats)
          .pass);
  policy.clear_denial_score = 0.95;
  CHECK_FALSE(gate_transition(policy, ClaimStatus::disputed, scored(0.9), "a.example", none).pass);
}

TEST_CASE("a statement claim's denials are weighed against the sites reporting it") {
  hw::Claim policy;  // dispute_balance 0.2: one denying site per five reporting
  std::vector<SiteEvidence> reports;
  for (int i = 0; i < 10; ++i) {
    reports.push_back({"site" + std::to_string(i) + ".example", hw::Stance::supports, false, 0.9});
  }
  // Ten sites report it: one clear denial is not a dispute yet...
  const auto one = gate_transition(policy, ClaimStatus::disputed, scored(0.95), "a.example", reports);
  CHECK_FALSE(one.pass);
  CHECK_THAT(one.note, Catch::Contains("waiting for 2 independent sources against 10 reporting it"));
  // ...a second denying site is.
  auto with_denial = reports;
  with_denial.push_back({"b.example", hw::Stance::refutes, false, 0.7});
  CHECK(gate_transition(policy, ClaimStatus::disputed, scored(0.95), "a.example", with_denial).pass);
  // Reports below min_score do not count, and a hand-rule claim is not weighed.
  for (auto& r : reports) {
    r.score = 0.4;
  }
  CHECK(gate_transition(policy, ClaimStatus::disputed, scored(0.95), "a.example", reports).pass);
  policy.required = {{"yemen"}};
  policy.min_sources = 1;
  for (auto& r : reports) {
    r.score = 0.9;
  }
  CHECK(gate_transition(policy, ClaimStatus::disputed, scored(0.95), "a.example", reports).pass);
}

TEST_CASE("hype needs a minimum count, two sites and a multiple of the baseline") {
  hw::Claim policy;  // 5 stories, 3x
  CHECK(detect_hype({5, 2, 0}, policy).spike);
  CHECK_FALSE(detect_hype({4, 4, 0}, policy).spike);
  CHECK_FALSE(detect_hype({9, 1, 0}, policy).spike);
  CHECK_FALSE(detect_hype({9, 3, 28}, policy).spike);  // 4/day usual: 9 < 12
  CHECK(detect_hype({12, 3, 28}, policy).spike);
}

TEST_CASE("one fact-check is an authoritative source, whatever min_sources asks") {
  hw::Claim policy;
  policy.required = {{"hand rule"}};
  policy.min_sources = 3;
  policy.min_sources_resolve = 2;
  const std::vector<SiteEvidence> none;
  hw::Match check = scored(1.0);
  check.factcheck = true;
  const auto disputed = gate_transition(policy, ClaimStatus::disputed, check, "checker.example", none);
  CHECK(disputed.pass);
  CHECK(disputed.note == "fact-check: checker.example");
  check.stance = hw::Stance::clarifies;
  CHECK(gate_transition(policy, ClaimStatus::clarified, check, "checker.example", none).pass);
  // The same verdict from a news story still waits for corroboration.
  CHECK_FALSE(gate_transition(policy, ClaimStatus::disputed, scored(1.0), "news.example", none).pass);
  // min_score still applies to a fact-check.
  hw::Match weak = scored(0.3);
  weak.factcheck = true;
  CHECK_FALSE(gate_transition(policy, ClaimStatus::disputed, weak, "checker.example", none).pass);
}
