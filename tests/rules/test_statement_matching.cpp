// Claims without `required` are matched from their statement by the shipped stance model;
// hand rules still win for claims that have them.
#include <catch2/catch.hpp>

#include "rules/claims_loader.h"
#include "rules/matcher.h"
#include "rules/stance_classifier.h"

using hw::Stance;
using hw::Story;

namespace {

Story story(std::string title, std::string summary) {
  Story s;
  s.title = std::move(title);
  s.summary = std::move(summary);
  return s;
}

}  // namespace

TEST_CASE("a claim with no rules matches stories about its statement, and only those") {
  const hw::rules::Matcher matcher(hw::rules::parse_claims(R"(
[[claim]]
id = "burger"
statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years."

[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department"], ["hack*"], ["yemen*"]]
)",
                                                           "c.toml"));
  const auto hits = matcher.match(
      story("Two Australian men kept a Quarter Pounder for 20 years",
            "The McDonald's burger, bought in 1995, has barely changed, the two men said."));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].claim_id == "burger");
  CHECK(hits[0].rule.starts_with("statement model: related"));
  CHECK_FALSE(hits[0].evidence.empty());

  CHECK(matcher.match(story("Stock markets close higher", "Shares rose on Tuesday.")).empty());
  // The statement model never matches a rule claim: these words are not its required groups.
  CHECK(matcher.match(story("State Department and Yemen", "Officials met in Yemen.")).empty());
}

TEST_CASE("the classifier reads stance cues") {
  hw::rules::StanceClassifier classifier;
  const auto claim = classifier.profile("A shark bit a surfer at Bondi beach.");
  const auto yes = classifier.classify(claim, "Shark bites surfer at Bondi beach", "");
  CHECK(yes.related);
  const auto no = classifier.classify(claim, "Bondi shark bite story is a hoax, fake photo", "");
  CHECK(no.related);
  CHECK((no.stance == Stance::refutes || no.stance == Stance::clarifies));
  const auto other = classifier.classify(claim, "Parliament passes budget", "");
  CHECK_FALSE(other.related);
}
