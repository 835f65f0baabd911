// Verdict text and declared rating scales -> stance (rules/verdict_stance.h).
#include <catch2/catch.hpp>

#include "rules/verdict_stance.h"

using hw::Stance;
using hw::rules::verdict_mapping;
using hw::rules::verdict_stance;

namespace {

Stance stance_of(std::string_view text) {
  const auto v = verdict_stance(verdict_mapping(), text);
  REQUIRE(v.has_value());
  return v->stance;
}

}  // namespace

TEST_CASE("Publishers' verdict words map to stances") {
  CHECK(stance_of("Pants on Fire") == Stance::refutes);
  CHECK(stance_of("False") == Stance::refutes);
  CHECK(stance_of("Mostly False") == Stance::refutes);
  CHECK(stance_of("Misleading") == Stance::refutes);
  CHECK(stance_of("Fake") == Stance::refutes);
  CHECK(stance_of("Bulo") == Stance::refutes);
  CHECK(stance_of("This is not true. The figures show the opposite.") == Stance::refutes);
  CHECK(stance_of("Missing context") == Stance::clarifies);
  CHECK(stance_of("This is missing context. Lists fell by a tenth.") == Stance::clarifies);
  CHECK(stance_of("Half True") == Stance::clarifies);
  CHECK(stance_of("Partly false") == Stance::clarifies);
  CHECK(stance_of("True") == Stance::confirms);
  CHECK(stance_of("Mostly True") == Stance::confirms);
  CHECK(stance_of("Correct. Official figures show ten openings.") == Stance::confirms);
  const auto v = verdict_stance(verdict_mapping(), "PANTS ON FIRE!");
  REQUIRE(v.has_value());
  CHECK(v->rule == "verdict:'pants on fire'");
  CHECK(v->score == 1.0);
}

TEST_CASE("Configured verdict phrases come before the defaults") {
  const auto m = verdict_mapping({{"Four Pinocchios", Stance::refutes}, {"true", Stance::clarifies}});
  CHECK(verdict_stance(m, "Four Pinocchios")->stance == Stance::refutes);
  CHECK(verdict_stance(m, "True")->stance == Stance::clarifies);
  CHECK_FALSE(verdict_stance(verdict_mapping(), "Four Pinocchios").has_value());
}

TEST_CASE("Numbers count only on a declared scale, inverted scales included") {
  const auto m = verdict_mapping();
  CHECK_FALSE(verdict_stance(m, "Rating: 2", 2.0).has_value());             // no scale
  CHECK_FALSE(verdict_stance(m, "", 2.0, 5.0, std::nullopt).has_value());  // half a scale
  CHECK_FALSE(verdict_stance(m, "", 2.0, 5.0, 5.0).has_value());           // empty scale
  CHECK_FALSE(verdict_stance(m, "", 9.0, 5.0, 1.0).has_value());           // off the scale
  CHECK(verdict_stance(m, "", 1.0, 5.0, 1.0)->stance == Stance::refutes);
  CHECK(verdict_stance(m, "", 5.0, 5.0, 1.0)->stance == Stance::confirms);
  CHECK(verdict_stance(m, "", 3.0, 5.0, 1.0)->stance == Stance::clarifies);
  // 1 is best and 5 worst: the same number means the opposite.
  CHECK(verdict_stance(m, "", 5.0, 1.0, 5.0)->stance == Stance::refutes);
  CHECK(verdict_stance(m, "", 1.0, 1.0, 5.0)->stance == Stance::confirms);
  const auto v = verdict_stance(m, "", 5.0, 1.0, 5.0);
  CHECK(v->rule == "rating:5 (worst 5, best 1)");
  CHECK(v->score == 0.9);
  // Words win over numbers.
  CHECK(verdict_stance(m, "True", 1.0, 5.0, 1.0)->stance == Stance::confirms);
}
