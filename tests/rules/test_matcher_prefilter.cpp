// The matcher's word scan refuses stories that hold no word of any claim before analysing
// them (rules/matcher.cpp, may_match): it must change no result, only the work done.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "rules/claims_loader.h"
#include "rules/matcher.h"

using hw::Match;
using hw::Story;
using hw::rules::Matcher;

namespace {

const char* const kClaims = R"(
[[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department", "clinton"], ["hack*"], ["al-qaeda", "al qaeda", "qaeda"], ["yemen*"]]
refutation = ["did not hack"]

[[claim]]
id = "burger"
statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years."

[[claim]]
id = "mars"
statement = "NASA will open a base on Mars in 2030."
)";

Story story(std::string title, std::string summary, std::string content = {}) {
  Story s;
  s.title = std::move(title);
  s.summary = std::move(summary);
  s.content = std::move(content);
  s.guid = s.title;
  return s;
}

// Everything a match carries that a caller can see.
std::string describe(const std::vector<Match>& matches) {
  std::string out;
  for (const auto& m : matches) {
    out += m.claim_id + "|" + std::to_string(static_cast<int>(m.stance)) + "|" +
           std::to_string(m.score) + "|" + std::to_string(m.retraction) + "|" + m.evidence + "|" +
           m.rule + "\n";
  }
  return out;
}

// Stories with and without claim words, in the title, the summary or only the content; a
// statement match that teaches its headline, and later stories that only learned wording
// reaches (their headline shares no statement term).
std::vector<Story> stories() {
  return {
      story("Stock markets close higher", "Shares rose on Tuesday.", "<p>Bonds fell.</p>"),
      story("Weather", "Rain all week", "Nothing about any claim at all."),
      story("Officials speak", "",
            "The State Department hacked al-Qaeda sites in Yemen, they said."),
      story("Clinton aides deny it", "Clinton did not hack al qaeda forums in Yemeni towns.", ""),
      story("World's oldest burger pictured in an Adelaide kitchen", ""),
      story("Two Australian men kept a McDonald's Quarter Pounder for 20 years: the world's "
            "oldest burger",
            ""),
      story("World's oldest burger pictured in an Adelaide kitchen", "Still looks the same."),
      story("Oldest burger in the world turns 21", "A kitchen in Adelaide keeps it."),
      story("Adelaide kitchen pictured", ""),
      story("NASA base", "", "A base on Mars by 2030, NASA says; the agency will open it."),
      story("MARS BASE BY 2030 SAYS NASA", "NASA WILL OPEN A BASE ON MARS"),
      story("Caf\xc3\xa9 news \xff\xfe broken bytes", "\xc3 Yemen\xe2\x80", ""),
      story("", "", ""),
  };
}

}  // namespace

TEST_CASE("a story without any claim word is not analysed") {
  Matcher matcher(hw::rules::parse_claims(kClaims, "claims.toml"));
  CHECK(matcher.match_and_learn(story("Stock markets close higher", "Shares rose.")).empty());
  CHECK(matcher.stories_analysed() == 0);
  // A rule claim needs a word of each of its groups: the anchor alone ("hack*") is not enough.
  CHECK(matcher.match_and_learn(story("Hackers vote", "")).empty());
  CHECK(matcher.stories_analysed() == 0);
  // Every group's words, though not as the terms ("state" apart from "department"): analysed,
  // and the analysis finds no match.
  CHECK(matcher
            .match_and_learn(story("The state said", "",
                                   "Its department hacked qaeda sites "
                                   "in Yemen."))
            .empty());
  CHECK(matcher.stories_analysed() == 1);
  // Two of a statement's terms make a candidate ("quarterly" stems to "quarter").
  CHECK(matcher.match(story("Quarterly figures", "", "Pounders of paper")).empty());
  CHECK(matcher.stories_analysed() == 2);
}

TEST_CASE("refusing stories early gives the same matches and learns the same wording") {
  Matcher scanned(hw::rules::parse_claims(kClaims, "claims.toml"));
  Matcher full(hw::rules::parse_claims(kClaims, "claims.toml"));
  full.set_prefilter(false);
  std::size_t matched = 0;
  for (const auto& s : stories()) {
    const auto a = scanned.match_and_learn(s);
    const auto b = full.match_and_learn(s);
    CHECK(describe(a) == describe(b));
    CHECK(describe(scanned.match(s)) == describe(full.match(s)));
    matched += a.empty() ? 0 : 1;
  }
  CHECK(matched >= 5);  // the stories above do exercise matching, learned wording included
  CHECK(scanned.stories_analysed() < full.stories_analysed());
}
