#include <catch2/catch.hpp>

#include "rules/evidence_gate.h"
#include "rules/hype_detector.h"

using hw::ClaimStatus;
using namespace hw::rules;

TEST_CASE("sites are hosts without www, case or port") {
  CHECK(site_of("https://www.Example.org:8080/a?b") == "example.org");
  CHECK(site_of("http://user@news.example/x") == "news.example");
  CHECK(site_of("not a url").empty());
}

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

TEST_CASE("hype needs a minimum count, two sites and a multiple of the baseline") {
  hw::Claim policy;  // 5 stories, 3x
  CHECK(detect_hype({5, 2, 0}, policy).spike);
  CHECK_FALSE(detect_hype({4, 4, 0}, policy).spike);
  CHECK_FALSE(detect_hype({9, 1, 0}, policy).spike);
  CHECK_FALSE(detect_hype({9, 3, 28}, policy).spike);  // 4/day usual: 9 < 12
  CHECK(detect_hype({12, 3, 28}, policy).spike);
}
