#include <catch2/catch.hpp>

#include <optional>

#include "rules/status_engine.h"

using hw::ClaimStatus;
using hw::Match;
using hw::Stance;
using hw::rules::decide;

namespace {

Match evidence(Stance stance, bool retraction = false) {
  Match m;
  m.claim_id = "c";
  m.stance = stance;
  m.retraction = retraction;
  m.score = 0.9;
  m.rule = "rule";
  return m;
}

constexpr auto tracked = ClaimStatus::tracked;
constexpr auto reported = ClaimStatus::reported;
constexpr auto disputed = ClaimStatus::disputed;
constexpr auto clarified = ClaimStatus::clarified;
constexpr auto confirmed = ClaimStatus::confirmed;
constexpr auto retracted = ClaimStatus::retracted;
const std::optional<ClaimStatus> unchanged;

struct Row {
  ClaimStatus current;
  Stance stance;
  bool retraction;
  std::optional<ClaimStatus> expected;
  bool repeated;
};

}  // namespace

TEST_CASE("status engine: every transition of docs/status.md") {
  // clang-format off
  const Row table[] = {
      // retraction: retracted from anything but retracted
      {tracked,   Stance::refutes,   true,  retracted, false},
      {reported,  Stance::refutes,   true,  retracted, false},
      {disputed,  Stance::refutes,   true,  retracted, false},
      {clarified, Stance::refutes,   true,  retracted, false},
      {confirmed, Stance::refutes,   true,  retracted, false},
      {retracted, Stance::refutes,   true,  unchanged, false},
      // clarifies
      {tracked,   Stance::clarifies, false, clarified, false},
      {reported,  Stance::clarifies, false, clarified, false},
      {disputed,  Stance::clarifies, false, clarified, false},
      {clarified, Stance::clarifies, false, unchanged, false},
      {confirmed, Stance::clarifies, false, unchanged, false},
      {retracted, Stance::clarifies, false, unchanged, false},
      // refutes
      {tracked,   Stance::refutes,   false, disputed,  false},
      {reported,  Stance::refutes,   false, disputed,  false},
      {disputed,  Stance::refutes,   false, unchanged, false},
      {clarified, Stance::refutes,   false, unchanged, false},
      {confirmed, Stance::refutes,   false, unchanged, false},
      {retracted, Stance::refutes,   false, unchanged, false},
      // confirms
      {tracked,   Stance::confirms,  false, confirmed, false},
      {reported,  Stance::confirms,  false, confirmed, false},
      {disputed,  Stance::confirms,  false, confirmed, false},
      {clarified, Stance::confirms,  false, unchanged, false},
      {confirmed, Stance::confirms,  false, unchanged, false},
      {retracted, Stance::confirms,  false, unchanged, false},
      // supports: the repeated-after-resolution flag
      {tracked,   Stance::supports,  false, reported,  false},
      {reported,  Stance::supports,  false, unchanged, false},
      {disputed,  Stance::supports,  false, unchanged, true},
      {clarified, Stance::supports,  false, unchanged, true},
      {confirmed, Stance::supports,  false, unchanged, false},
      {retracted, Stance::supports,  false, unchanged, true},
      // mentions never raise the flag
      {tracked,   Stance::mentions,  false, reported,  false},
      {reported,  Stance::mentions,  false, unchanged, false},
      {disputed,  Stance::mentions,  false, unchanged, false},
      {clarified, Stance::mentions,  false, unchanged, false},
      {confirmed, Stance::mentions,  false, unchanged, false},
      {retracted, Stance::mentions,  false, unchanged, false},
  };
  // clang-format on
  for (const auto& row : table) {
    INFO("from " << to_string(row.current) << " with " << to_string(row.stance)
                 << (row.retraction ? " (retraction)" : ""));
    const auto d = decide(row.current, evidence(row.stance, row.retraction));
    CHECK(d.new_status == row.expected);
    CHECK(d.repeated_after_resolution == row.repeated);
    CHECK_FALSE(d.reason.empty());
    CHECK(d.reason.find("rule") != std::string::npos);  // the rule that fired is in the reason
  }
}

TEST_CASE("status engine reasons read as history") {
  auto d = decide(ClaimStatus::reported, evidence(Stance::clarifies));
  CHECK(d.reason == "reported -> clarified: a story corrects what actually happened (rule)");
  d = decide(ClaimStatus::clarified, evidence(Stance::supports));
  CHECK(d.reason ==
        "stays clarified: story repeats the claim as true although it was clarified (rule)");
  d = decide(ClaimStatus::confirmed, evidence(Stance::refutes));
  CHECK(d.reason == "stays confirmed: a denial does not reopen a resolved claim (rule)");
}
