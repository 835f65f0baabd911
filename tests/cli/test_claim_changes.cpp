// Claims change, stories stay (docs/status.md): a claim added to the claims file is judged on
// the stories already stored (backfill alerts, dated by the evidence), rescans raise nothing
// twice, `claim test` previews without recording, and a claim removed from the file is retired
// — through the real `hypewatch` command line.
#include <algorithm>
#include <filesystem>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

constexpr const char* kMoon = R"(
[[claim]]
id = "moon-hotel"
statement = "A company will build a hotel on the Moon."
required = [["moon"], ["hotel*"]]
)";

constexpr const char* kMars = R"(
[[claim]]
id = "mars-base"
statement = "NASA will open a base on Mars in 2030."
required = [["mars"], ["base"]]
clarification = ["only a study"]
)";

constexpr const char* kFeed = R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><guid>1</guid><link>https://wire.example/1</link><title>Moon hotel plans unveiled</title>
<pubDate>Mon, 02 Jun 2014 09:00:00 GMT</pubDate></item>
<item><guid>2</guid><link>https://wire.example/2</link><title>NASA to open a Mars base by 2030</title>
<pubDate>Tue, 03 Jun 2014 09:00:00 GMT</pubDate></item>
<item><guid>3</guid><link>https://wire.example/3</link><title>Mars base is only a study, NASA says</title>
<pubDate>Wed, 04 Jun 2014 09:00:00 GMT</pubDate></item>
<item><guid>4</guid><link>https://wire.example/4</link><title>Again: NASA Mars base in 2030</title>
<pubDate>Thu, 05 Jun 2014 09:00:00 GMT</pubDate></item>
</channel></rss>)";

struct Desk {
  hw::test::TempDir dir;
  std::string db = (dir / "hw.db").string();

  Desk() {
    hw::test::write_file(dir / "feed.xml", kFeed);
    hw::test::write_file(dir / "hw.toml",
                         "claims = \"claims.toml\"\n[[feed]]\nurl = \"feed.xml\"\n");
  }
  void claims(const std::string& toml) { hw::test::write_file(dir / "claims.toml", toml); }
  hw::test::ProcessResult cli(std::vector<std::string> args) {
    args.insert(args.begin(),
                {HW_HYPEWATCH_BIN, "--config", (dir / "hw.toml").string(), "--db", db});
    return hw::test::run_process(args);
  }
  json cli_json(std::vector<std::string> args) {
    args.push_back("--json");
    const auto r = cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  std::vector<json> alerts_of(const std::string& claim) {
    std::vector<json> out;
    for (const auto& a : cli_json({"alerts"})) {
      if (a["claim"] == claim) {
        out.push_back(a);
      }
    }
    std::reverse(out.begin(), out.end());  // `alerts` lists newest first; these in event order
    return out;
  }
};

std::vector<std::string> ids(const json& claims) {
  std::vector<std::string> out;
  for (const auto& c : claims) {
    out.push_back(c["id"]);
  }
  return out;
}

}  // namespace

TEST_CASE("a new claim is judged on the stored stories, as backfill, once") {
  Desk desk;
  desk.claims(kMoon);
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  CHECK(desk.alerts_of("mars-base").empty());

  // Drafting: the preview names the stories, stances and why, and records nothing.
  desk.claims(std::string(kMoon) + kMars);
  const auto before = hw::test::read_file(desk.db);
  const auto preview = desk.cli_json({"claim", "test", "mars-base"});
  REQUIRE(preview["matches"].size() == 3);
  CHECK(preview["stories_checked"] == 4);
  CHECK(preview["matches"][1]["stance"] == "clarifies");
  CHECK(preview["matches"][1]["rule"].get<std::string>().find("only a study") != std::string::npos);
  const auto explained = desk.cli({"claim", "test", "mars-base", "--explain"});
  CHECK_THAT(explained.out, Contains("3 of 4 stored stories would match") && Contains("rule:") &&
                                Contains("only a study"));
  const auto draft =
      desk.cli_json({"claim", "test", "--statement", "A hotel will open on the Moon."});
  CHECK(draft["claim"].is_null());
  CHECK(hw::test::read_file(desk.db) == before);
  CHECK(ids(desk.cli_json({"claims"})) == std::vector<std::string>{"moon-hotel"});

  // The next poll finds the new claim and judges the stored stories, oldest first.
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  const auto history = desk.cli_json({"history", "mars-base"})["history"];
  REQUIRE(history.size() == 3);
  CHECK(history[0]["actor"] == "initial");
  CHECK(history[0]["at"] <= "2014-06-02T09:00:00Z");  // tracked before its first evidence
  CHECK(history[1]["to"] == "reported");
  CHECK(history[1]["at"] == "2014-06-03T09:00:00Z");
  CHECK(history[2]["to"] == "clarified");
  CHECK(history[2]["at"] == "2014-06-04T09:00:00Z");
  auto alerts = desk.alerts_of("mars-base");
  REQUIRE(alerts.size() == 3);  // reported, clarified, one repeat
  for (const auto& a : alerts) {
    CHECK(a["backfill"] == true);
  }
  CHECK(alerts[2]["kind"] == "repeated_after_clarification");
  CHECK(alerts[2]["at"] == "2014-06-05T09:00:00Z");
  // Old evidence is not news: the digest does not carry it.
  for (const auto& a : desk.cli_json({"alerts", "--undelivered"})) {
    CHECK(a["claim"] != "mars-base");
  }

  // Rescanning, polling again, or rewording the claim raises nothing twice.
  const auto rescan = desk.cli_json({"rescan", "mars-base"});
  CHECK(rescan["matches"] == 0);
  CHECK(rescan["alerts"].empty());
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  std::string edited = std::string(kMoon) + kMars;
  edited.replace(edited.find("in 2030."), 8, "by 2030.");
  desk.claims(edited);
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  CHECK(desk.alerts_of("mars-base").size() == 3);
  CHECK(desk.cli_json({"history", "mars-base"})["history"].size() == 3);
}

TEST_CASE("a draft claim meets the fact-checks already read, judged by their verdicts") {
  Desk desk;
  desk.claims(kMars);
  std::filesystem::create_directories(desk.dir / "pages");
  hw::test::write_file(desk.dir / "pages/moon.html", R"(<html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"ClaimReview",
"claimReviewed":"A company will build a hotel on the Moon.",
"author":{"@type":"Organization","name":"Orbit Check"},
"reviewRating":{"@type":"Rating","alternateName":"False"}}</script></head><body></body></html>)");
  hw::test::write_file(desk.dir / "checks.xml", R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Orbit Check</title><link>https://check.example/</link>
<item><guid>c1</guid><link>pages/moon.html</link><title>Fact check: a Moon hotel?</title>
<pubDate>Fri, 06 Jun 2014 09:00:00 GMT</pubDate></item>
</channel></rss>)");
  hw::test::write_file(desk.dir / "hw.toml",
                       "claims = \"claims.toml\"\n[[feed]]\nurl = \"feed.xml\"\n"
                       "[[feed]]\nurl = \"checks.xml\"\nkind = \"factcheck\"\n");
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  // Nothing was about the Moon then; the page's review was read and kept.
  const auto preview =
      desk.cli_json({"claim", "test", "--statement", "A company will build a hotel on the Moon."});
  std::vector<std::string> stances;
  for (const auto& m : preview["matches"]) {
    if (m["title"] == "Fact check: a Moon hotel?") {
      stances.push_back(m["stance"]);
      CHECK_THAT(m["rule"].get<std::string>(), Contains("Orbit Check") && Contains("false"));
    }
  }
  // Judged by the verdict ("False" disputes), not by the item's own words.
  CHECK(stances == std::vector<std::string>{"refutes"});
}

TEST_CASE("a claim removed from the file is retired, kept, and comes back when re-added") {
  Desk desk;
  desk.claims(std::string(kMoon) + kMars);
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  desk.claims(kMars);
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  CHECK(ids(desk.cli_json({"claims"})) == std::vector<std::string>{"mars-base"});
  const auto all = desk.cli_json({"claims", "--all"});
  REQUIRE(ids(all) == std::vector<std::string>{"mars-base", "moon-hotel"});
  CHECK(all[1]["retired"] == true);
  CHECK(all[1]["status"] == "reported");
  CHECK_THAT(desk.cli({"claims", "--all"}).out, Contains("reported (retired)"));
  CHECK(desk.cli_json({"history", "moon-hotel"})["history"].size() == 2);

  desk.claims(std::string(kMoon) + kMars);
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  const auto back = desk.cli_json({"claims"});
  REQUIRE(ids(back) == std::vector<std::string>{"mars-base", "moon-hotel"});
  CHECK(back[1]["retired"] == false);
  CHECK(desk.alerts_of("moon-hotel").size() == 1);  // no second "reported"
}

TEST_CASE("claim test and rescan refuse bad input with a clear message") {
  Desk desk;
  desk.claims(kMoon);
  REQUIRE(desk.cli({"poll", "--once"}).exit_code == 0);
  auto r = desk.cli({"claim", "test", "nope"});
  CHECK(r.exit_code == 66);  // EX_NOINPUT
  CHECK_THAT(r.err, Contains("unknown claim 'nope'") && Contains("moon-hotel"));
  r = desk.cli({"claim", "test"});
  CHECK(r.exit_code == 64);  // EX_USAGE
  CHECK_THAT(r.err, Contains("--statement"));
  r = desk.cli({"claim", "test", "moon-hotel", "--statement", "x"});
  CHECK(r.exit_code == 64);
  r = desk.cli({"rescan", "nope"});
  CHECK(r.exit_code == 66);
  CHECK_THAT(r.err, Contains("unknown claim 'nope'"));
}
