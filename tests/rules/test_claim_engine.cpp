// The status engine (rules/claim_engine.h) without a database: a fake EvidenceReader hands it
// what the store would know about the claim, and the test checks what a desk would see —
// history entries, alerts, their times — for one story's match.
#include <catch2/catch.hpp>

#include <map>

#include "rules/claim_engine.h"

using hw::AlertKind;
using hw::ClaimStatus;
using hw::Stance;
using namespace hw::rules;
using namespace std::chrono;

namespace {

const hw::TimePoint kPublished = sys_days{2014y / October / 2} + 9h;
const hw::TimePoint kNow = sys_days{2026y / January / 5} + 12h;

// What the store would answer, per claim.
class FakeReader final : public EvidenceReader {
 public:
  std::map<std::string, ClaimEvidence> claims;
  mutable std::vector<std::string> asked;
  ClaimEvidence read(const std::string& claim_id, const EvidenceStory&) const override {
    asked.push_back(claim_id);
    return claims.at(claim_id);
  }
};

hw::Claim policy(const std::string& id = "c") {
  hw::Claim c;
  c.id = id;
  c.statement = "A thing happened.";
  return c;
}

hw::Match match(Stance stance, double score = 0.9, const std::string& claim = "c") {
  hw::Match m;
  m.claim_id = claim;
  m.stance = stance;
  m.score = score;
  m.rule = "terms: thing, happened";
  m.evidence = "A thing happened, sources say.";
  return m;
}

EvidenceStory story(bool backfill = false) {
  EvidenceStory s;
  s.story_id = 7;
  s.revision_id = 9;
  s.title = "A thing happened";
  s.link = "https://a.example/1";
  s.site = "a.example";
  s.at = kPublished;
  s.backfill = backfill;
  return s;
}

}  // namespace

TEST_CASE("engine: a first report moves tracked to reported, dated by the evidence") {
  ClaimEvidence e;
  const auto j = judge(policy(), match(Stance::supports), story(), e, kNow);
  REQUIRE(j.changes.size() == 1);
  CHECK(j.changes[0].from == ClaimStatus::tracked);
  CHECK(j.changes[0].to == ClaimStatus::reported);
  CHECK(j.changes[0].at == kPublished);
  CHECK(j.changes[0].recorded_at == kNow);
  CHECK(j.changes[0].actor == "engine");
  CHECK(j.changes[0].story_id == 7);
  CHECK(j.changes[0].revision_id == 9);
  REQUIRE(j.alerts.size() == 1);
  CHECK(j.alerts[0].kind == AlertKind::status_change);
  CHECK(j.alerts[0].at == kPublished);
  CHECK(j.alerts[0].created_at == kNow);
  CHECK_FALSE(j.alerts[0].backfill);
}

TEST_CASE("engine: a person's status holds; evidence is not enough to move it") {
  ClaimEvidence e;
  e.status = ClaimStatus::reported;
  e.manual = true;
  const auto j = judge(policy(), match(Stance::clarifies), story(), e, kNow);
  CHECK(j.changes.empty());
  CHECK(j.alerts.empty());
}

TEST_CASE("engine: a hesitant denial waits for a second site, then moves the claim") {
  ClaimEvidence e;
  e.status = ClaimStatus::reported;
  // Below clear_denial_score (0.7): one site is not enough.
  CHECK(judge(policy(), match(Stance::refutes, 0.6), story(), e, kNow).changes.empty());
  e.sites = {{"b.example", Stance::refutes, false, 0.6}};
  const auto j = judge(policy(), match(Stance::refutes, 0.6), story(), e, kNow);
  REQUIRE(j.changes.size() == 1);
  CHECK(j.changes[0].to == ClaimStatus::disputed);
}

TEST_CASE("engine: repeats after a clarification are counted, once per story") {
  ClaimEvidence e;
  e.status = ClaimStatus::clarified;
  e.repeats_since_change = 2;
  auto j = judge(policy(), match(Stance::supports), story(), e, kNow);
  CHECK(j.changes.empty());
  REQUIRE(j.alerts.size() == 1);
  CHECK(j.alerts[0].kind == AlertKind::repeated_after_clarification);
  CHECK(j.alerts[0].repeat_count == 3);
  CHECK(j.alerts[0].to == ClaimStatus::clarified);

  e.story_raised_repeat = true;  // a revision of the same story
  CHECK(judge(policy(), match(Stance::supports), story(), e, kNow).alerts.empty());

  // A story from before the clarification (re-judged for an edited claim) repeats nothing.
  e.story_raised_repeat = false;
  e.since = kPublished + hours(1);
  CHECK(judge(policy(), match(Stance::supports), story(), e, kNow).alerts.empty());
}

TEST_CASE("engine: a burst over the baseline spikes once per 24 hours of evidence time") {
  ClaimEvidence e;
  e.status = ClaimStatus::reported;
  e.window_stories = 5;  // + this one = 6 >= 5, from 3 sites, baseline 0/day
  e.window_sites = {"b.example", "c.example"};
  auto j = judge(policy(), match(Stance::mentions), story(), e, kNow);
  REQUIRE(j.alerts.size() == 1);
  CHECK(j.alerts[0].kind == AlertKind::hype_spike);
  CHECK(j.alerts[0].at == kPublished);

  e.hype_alert_near = true;
  CHECK(judge(policy(), match(Stance::mentions), story(), e, kNow).alerts.empty());

  // The current story's site counts once: one site republishing is not hype.
  ClaimEvidence one_site = e;
  one_site.hype_alert_near = false;
  one_site.window_sites = {"a.example"};
  CHECK(judge(policy(), match(Stance::mentions), story(), one_site, kNow).alerts.empty());
}

TEST_CASE("engine: alerts from a rescan of stored stories are backfill") {
  ClaimEvidence e;
  const auto j = judge(policy(), match(Stance::supports), story(/*backfill=*/true), e, kNow);
  REQUIRE(j.alerts.size() == 1);
  CHECK(j.alerts[0].backfill);
}

TEST_CASE("engine: a story's matches are judged per claim; unknown claims are skipped") {
  FakeReader reader;
  reader.claims["c"] = {};
  ClaimEvidence clarified;
  clarified.status = ClaimStatus::clarified;
  reader.claims["d"] = clarified;
  const auto j = judge_story({policy("c"), policy("d")},
                             {match(Stance::supports, 0.9, "c"), match(Stance::supports, 0.9, "d"),
                              match(Stance::supports, 0.9, "retired")},
                             story(), reader, kNow);
  CHECK(reader.asked == std::vector<std::string>{"c", "d"});
  REQUIRE(j.changes.size() == 1);
  CHECK(j.changes[0].claim_id == "c");
  REQUIRE(j.alerts.size() == 2);
  CHECK(j.alerts[0].kind == AlertKind::status_change);
  CHECK(j.alerts[1].kind == AlertKind::repeated_after_clarification);
  CHECK(j.alerts[1].claim_id == "d");
}

TEST_CASE("engine: a claim carried by sites that make stories up is disputed") {
  const std::vector<std::string> listed = {"satire.example"};
  EvidenceStory from_satire = story();
  from_satire.link = "https://news.satire.example/obama-euro";
  from_satire.site = "news.satire.example";  // a subdomain of a listed site

  SECTION("first reported by one: disputed from the start, no second site needed") {
    const auto j =
        judge(policy(), match(Stance::supports), from_satire, ClaimEvidence{}, kNow, listed);
    REQUIRE(j.changes.size() == 1);
    CHECK(j.changes[0].to == ClaimStatus::disputed);
    CHECK_THAT(j.changes[0].reason, Catch::Contains("fabricated or satirical news") &&
                                        Catch::Contains("news.satire.example"));
    CHECK_THAT(j.changes[0].rule, Catch::Contains("origin: news.satire.example"));
    REQUIRE(j.alerts.size() == 1);
    CHECK(j.alerts[0].to == ClaimStatus::disputed);
  }
  SECTION("the same story from a site not listed is a first report") {
    const auto j = judge(policy(), match(Stance::supports), story(), ClaimEvidence{}, kNow, listed);
    REQUIRE(j.changes.size() == 1);
    CHECK(j.changes[0].to == ClaimStatus::reported);
  }
  SECTION("one such site picking up a claim others reported does not dispute it") {
    ClaimEvidence e;
    e.status = ClaimStatus::reported;
    e.sites = {{"a.example", Stance::supports, false, 0.9}};
    CHECK(judge(policy(), match(Stance::supports), from_satire, e, kNow, listed).changes.empty());
    // A second listed site makes them half of the sites reporting it.
    e.sites.push_back({"satire.example", Stance::supports, false, 0.9});
    e.sites.push_back({"b.example", Stance::mentions, false, 0.9});
    EvidenceStory other = from_satire;
    other.site = "hoax.satire.example";
    const auto j = judge(policy(), match(Stance::supports), other, e, kNow, listed);
    REQUIRE(j.changes.size() == 1);
    CHECK(j.changes[0].to == ClaimStatus::disputed);
  }
  SECTION("a person's status holds, and a fact-check is judged on its verdict") {
    ClaimEvidence manual;
    manual.manual = true;
    CHECK(judge(policy(), match(Stance::supports), from_satire, manual, kNow, listed)
              .changes.empty());
    auto fc = match(Stance::supports);
    fc.factcheck = true;
    const auto j = judge(policy(), fc, from_satire, ClaimEvidence{}, kNow, listed);
    REQUIRE(j.changes.size() == 1);
    CHECK(j.changes[0].to == ClaimStatus::reported);
  }
  SECTION("an empty list turns the rule off") {
    const auto j = judge(policy(), match(Stance::supports), from_satire, ClaimEvidence{}, kNow,
                         std::vector<std::string>{});
    REQUIRE(j.changes.size() == 1);
    CHECK(j.changes[0].to == ClaimStatus::reported);
  }
}

TEST_CASE("site_listed: the site or a subdomain of it, not a longer name") {
  const std::vector<std::string> listed = {"nationalreport.net"};
  CHECK(site_listed("nationalreport.net", listed));
  CHECK(site_listed("politics.nationalreport.net", listed));
  CHECK_FALSE(site_listed("notnationalreport.net", listed));
  CHECK_FALSE(site_listed("nationalreport.net.example", listed));
  CHECK(site_listed("infowars.com", default_low_credibility_sites()));
  CHECK_FALSE(site_listed("reuters.com", default_low_credibility_sites()));
}
