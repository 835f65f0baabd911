#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rules/claims_loader.h"
#include "rules/matcher.h"

using hw::Match;
using hw::Stance;
using hw::Story;
using hw::rules::Matcher;

namespace {

const char* const kClaims = R"(
[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department", "clinton"], ["hack*"], ["al-qaeda", "al qaeda", "qaeda", "qaida"], ["yemen*"]]
clarification = ["purchase of advertisements", "bought advertisements"]
refutation = ["did not hack"]
confirmation = ["confirmed the hacking"]
retraction = ["retracted its report"]

[[claim]]
id = "stuxnet"
statement = "The United States was behind Stuxnet."
required = [["stuxnet", "olympic games"], ["united states", "u.s."], ["worm", "cyber*"]]
)";

Matcher make_matcher() {
  return Matcher(hw::rules::parse_claims(kClaims, "test-claims.toml"));
}

Story story(std::string title, std::string summary, std::string content = {}) {
  Story s;
  s.title = std::move(title);
  s.summary = std::move(summary);
  s.content = std::move(content);
  return s;
}

// The single match for `claim_id`, or a failed test.
Match only_match(const std::vector<Match>& matches, const std::string& claim_id) {
  REQUIRE(matches.size() == 1);
  REQUIRE(matches[0].claim_id == claim_id);
  return matches[0];
}

}  // namespace

TEST_CASE("a story with every required group supports the claim") {
  const auto matcher = make_matcher();
  const auto m = only_match(
      matcher.match(story("Clinton: we hacked al-Qaeda sites",
                          "Officials met on Tuesday. Secretary of State Hillary Clinton said a "
                          "State Department team hacked al-Qaeda websites in Yemen. More to "
                          "follow.")),
      "yemen-hacking");
  CHECK(m.stance == Stance::supports);
  CHECK_FALSE(m.retraction);
  CHECK(m.evidence ==
        "Secretary of State Hillary Clinton said a State Department team hacked al-Qaeda websites "
        "in Yemen.");
  CHECK(m.rule == "required terms: clinton, hacked, al-qaeda, yemen");
  // 0.5 + all four groups in one sentence (0.3) + three of four in the title (0.15)
  CHECK(m.score == Approx(0.95));
}

TEST_CASE("groups may be spread over title, summary and content") {
  const auto matcher = make_matcher();
  const auto m = only_match(matcher.match(story("Yemen update", "The State Department spoke.",
                                                "It said al-Qaïda sites were hacked.")),
                            "yemen-hacking");
  CHECK(m.stance == Stance::supports);
  CHECK(m.score >= 0.0);
  CHECK(m.score <= 1.0);
  CHECK(m.score < 0.8);  // no sentence holds more than two groups
}

TEST_CASE("a missing group means no match") {
  const auto matcher = make_matcher();
  // Yemen and al-Qaeda without hacking
  CHECK(matcher
            .match(story("Yemen offensive",
                         "Yemeni troops pushed al-Qaeda fighters out of "
                         "Zinjibar, the State Department said."))
            .empty());
  // hacking without Yemen
  CHECK(matcher
            .match(story("Retailer hacked",
                         "Hackers stole card numbers, Clinton-era "
                         "officials warned."))
            .empty());
}

TEST_CASE("word boundaries are respected") {
  const auto matcher = make_matcher();
  // "shack" must not satisfy "hack*", "Yemenite" does satisfy "yemen*"
  CHECK(matcher
            .match(story("Shack",
                         "The State Department rebuilt a shack used by al-Qaeda in "
                         "Yemen."))
            .empty());
  CHECK(matcher
            .match(story("A",
                         "Clinton said the State Department rehacked al-Qaeda pages in "
                         "Yemen."))
            .empty());
  const auto m = only_match(
      matcher.match(story("A", "Clinton said hackers hit Al Qaeda pages aimed at Yemenites.")),
      "yemen-hacking");
  CHECK(m.rule == "required terms: clinton, hackers, al qaeda, yemenites");
}

TEST_CASE("multi-word terms match across hyphens but not across sentences") {
  const auto matcher = make_matcher();
  CHECK(matcher
            .match(story("A",
                         "Stuxnet, a worm, was no secret to the United. States officials "
                         "declined to comment."))
            .empty());
  const auto m =
      only_match(matcher.match(story("A", "The U.S.-built Stuxnet worm hit Natanz.")), "stuxnet");
  CHECK(m.rule == "required terms: stuxnet, u.s, worm");
}

TEST_CASE("each phrase list gives its stance, with precedence") {
  const auto matcher = make_matcher();
  const std::string base =
      "Clinton said the State Department hacked al-Qaeda sites in Yemen last week. ";

  auto m = only_match(matcher.match(story("Clarified", base + "Officials later explained it was "
                                                              "the purchase of advertisements.")),
                      "yemen-hacking");
  CHECK(m.stance == Stance::clarifies);
  CHECK(m.rule == "clarification: 'purchase of advertisements'");
  CHECK(m.evidence == "Officials later explained it was the purchase of advertisements.");
  CHECK(m.score == Approx(0.9));  // phrase outside the claim's sentence: focus 0.5

  m = only_match(matcher.match(story("Denied", base + "The department did not hack anything.")),
                 "yemen-hacking");
  CHECK(m.stance == Stance::refutes);
  CHECK_FALSE(m.retraction);
  CHECK(m.rule == "refutation: 'did not hack'");

  m = only_match(matcher.match(story("Confirmed", base + "Aides confirmed the hacking.")),
                 "yemen-hacking");
  CHECK(m.stance == Stance::confirms);
  CHECK(m.rule == "confirmation: 'confirmed the hacking'");

  m = only_match(matcher.match(story("Retracted", base + "The paper retracted its report.")),
                 "yemen-hacking");
  CHECK(m.stance == Stance::refutes);
  CHECK(m.retraction);
  CHECK(m.rule == "retraction: 'retracted its report'");

  // retraction > clarification > refutation > confirmation
  m = only_match(matcher.match(story("All", base + "Aides confirmed the hacking. It did not hack. "
                                                   "It bought advertisements.")),
                 "yemen-hacking");
  CHECK(m.stance == Stance::clarifies);
  CHECK(m.rule == "clarification: 'bought advertisements'");
  m = only_match(matcher.match(story("All", base + "It bought advertisements, and the paper "
                                                   "retracted its report.")),
                 "yemen-hacking");
  CHECK(m.retraction);
}

TEST_CASE("a phrase in the claim's own sentence scores full focus") {
  const auto matcher = make_matcher();
  const auto m = only_match(
      matcher.match(story("", "The State Department did not hack al-Qaeda sites in Yemen.")),
      "yemen-hacking");
  CHECK(m.stance == Stance::refutes);
  CHECK(m.score == Approx(1.0));
  CHECK(m.evidence == "The State Department did not hack al-Qaeda sites in Yemen.");
}

TEST_CASE("evidence is trimmed to 300 characters around the phrase") {
  const auto matcher = make_matcher();
  std::string filler;
  for (int i = 0; i < 60; ++i) {
    filler += "and more ";
  }
  const auto m =
      only_match(matcher.match(story("Clinton hacked al-Qaeda in Yemen",
                                     "It was " + filler + "then the bought advertisements story " +
                                         filler + "ends here.")),
                 "yemen-hacking");
  CHECK(m.stance == Stance::clarifies);
  CHECK(m.evidence.find("bought advertisements") != std::string::npos);
  CHECK(m.evidence.starts_with("\xE2\x80\xA6"));
  CHECK(m.evidence.ends_with("\xE2\x80\xA6"));
  CHECK(m.evidence.size() <= 300 + 4);  // all ASCII but the two 3-byte ellipses
}

TEST_CASE("one story may match several claims, in claims-file order") {
  const auto matcher = make_matcher();
  const auto matches =
      matcher.match(story("Cyber roundup",
                          "Clinton said the State Department hacked al-Qaeda sites in Yemen. "
                          "Separately, the U.S. Stuxnet worm was discussed."));
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].claim_id == "yemen-hacking");
  CHECK(matches[1].claim_id == "stuxnet");
}

TEST_CASE("the matcher is pure and survives hostile input") {
  const auto matcher = make_matcher();
  const auto s = story("Clinton hacked al-Qaeda in Yemen", "x");
  const auto a = matcher.match(s);
  const auto b = matcher.match(s);
  REQUIRE(a.size() == 1);
  CHECK(a[0].evidence == b[0].evidence);
  CHECK(a[0].score == b[0].score);
  CHECK(matcher.match(story("", "")).empty());
  CHECK_NOTHROW(matcher.match(story("\xFF\xFE Clinton hack\xC3 al-Qaeda Yemen\xE2\x80", "...")));
  CHECK(matcher.claims().size() == 2);
}
