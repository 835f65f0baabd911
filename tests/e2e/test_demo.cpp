// End to end: the real `hypewatch` binary runs the shipped demo (example claims + example
// feeds through file:// URLs) into a temporary database, and we check what a user would see.
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "storage/store.h"
#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

struct Demo {
  hw::test::TempDir dir;
  std::string db = (dir / "demo.db").string();
  std::string config = (hw::test::source_dir() / "examples/hypewatch.toml").string();

  hw::test::ProcessResult cli(std::vector<std::string> args) const {
    std::vector<std::string> argv{HW_HYPEWATCH_BIN, "--config", config, "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return hw::test::run_process(argv);
  }

  json cli_json(std::vector<std::string> args) const {
    args.push_back("--json");
    auto r = cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }

  // guid -> claim ids the story matched, straight from the database.
  std::map<std::string, std::set<std::string>> matches_by_guid() const {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> conn(raw, &sqlite3_close);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(conn.get(),
                               "SELECT s.guid, m.claim_id FROM stories s "
                               "LEFT JOIN matches m ON m.story_id = s.id",
                               -1, &st, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(st, &sqlite3_finalize);
    std::map<std::string, std::set<std::string>> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      auto& claims = out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))];
      if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
        claims.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
      }
    }
    return out;
  }

  hw::storage::Counts counts() const {
    return hw::storage::Store::open(db, hw::storage::OpenMode::read_only).counts();
  }
};

const char* kClarifyingLink = "https://www.meridianwire.example/world/2012/05/24/state-yemen-ads";

}  // namespace

TEST_CASE("demo: the Yemen claim ends clarified, with the clarifying story as evidence") {
  Demo demo;
  auto r = demo.cli({"poll", "--once"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("0 failed"));

  const json h = demo.cli_json({"history", "yemen-hacking"});
  CHECK(h["claim"]["status"] == "clarified");
  const json& history = h["history"];
  REQUIRE(history.size() == 3);
  CHECK(history[0]["to"] == "tracked");
  CHECK(history[1]["to"] == "reported");
  const json& last = history[2];
  CHECK(last["from"] == "reported");
  CHECK(last["to"] == "clarified");
  CHECK(last["at"] == "2012-05-24T17:15:00Z");
  CHECK(last["actor"] == "engine");
  CHECK_THAT(last["rule"].get<std::string>(), Contains("purchase of advertisements"));
  REQUIRE(last["story"].is_object());
  CHECK(last["story"]["link"] == kClarifyingLink);
  CHECK_THAT(last["story"]["title"].get<std::string>(), Contains("purchase of advertisements"));

  const json claims = demo.cli_json({"claims"});
  bool found = false;
  for (const auto& c : claims) {
    if (c["id"] == "yemen-hacking") {
      found = true;
      CHECK(c["status"] == "clarified");
      CHECK(c["since"] == "2012-05-24T17:15:00Z");
    }
  }
  CHECK(found);
}

TEST_CASE("demo: the fact-check feed's ClaimReview confirms a claim, the fact-checker named") {
  Demo demo;
  const auto r = demo.cli({"poll", "--once"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("fact-check pages: 1 fetched, 1 ClaimReviews read, 0 failed"));
  const json h = demo.cli_json({"history", "un-code-of-conduct"});
  CHECK(h["claim"]["status"] == "confirmed");
  const json& last = h["history"].back();
  CHECK(last["from"] == "reported");
  CHECK(last["to"] == "confirmed");
  CHECK(last["at"] == "2012-09-24T09:00:00Z");  // the review's publication, not the poll
  CHECK_THAT(last["rule"].get<std::string>(),
             Contains("factcheck Harbour Fact Desk") && Contains("verdict:'true'"));
}

TEST_CASE("demo: later stories repeating the hacking claim raise repeated_after_clarification") {
  Demo demo;
  REQUIRE(demo.cli({"poll", "--once"}).exit_code == 0);
  const json alerts = demo.cli_json({"alerts"});

  std::vector<json> repeats;
  for (const auto& a : alerts) {
    if (a["kind"] == "repeated_after_clarification" && a["claim"] == "yemen-hacking") {
      repeats.push_back(a);
    }
  }
  // Four stories from August and September 2012 still cite the "hacking". Alerts are listed
  // newest first; the repeats are counted in event order.
  REQUIRE(repeats.size() == 4);
  std::reverse(repeats.begin(), repeats.end());
  std::set<std::string> links;
  for (std::size_t i = 0; i < repeats.size(); ++i) {
    CHECK(repeats[i]["to"] == "clarified");
    CHECK(repeats[i]["repeat_count"] == static_cast<int>(i) + 1);
    REQUIRE(repeats[i]["story"].is_object());
    links.insert(repeats[i]["story"]["link"].get<std::string>());
  }
  CHECK(
      links.contains("https://www.capitalledger.example/opinion/2012/08/14/cyber-double-standard"));
  CHECK(links.contains("https://thecircuit.example/2012/09/12/attribution-problem"));
  // The first reports came before the clarification: they are not repeats.
  CHECK_FALSE(
      links.contains("https://www.meridianwire.example/world/2012/05/23/clinton-yemen-websites"));

  // The text summary names the story too.
  auto text = demo.cli({"alerts"});
  CHECK_THAT(text.out, Contains("repeat #1 after clarified") &&
                           Contains("Opinion: Washington's double standard in cyberspace"));
}

TEST_CASE("demo: unrelated stories match no claim; related ones match the right claim") {
  Demo demo;
  REQUIRE(demo.cli({"poll", "--once"}).exit_code == 0);
  const auto by_guid = demo.matches_by_guid();
  REQUIRE(by_guid.size() == 28);

  // Hard negatives: Yemen without hacking, a retailer breach, sports "Olympic Games", Iran
  // without Stuxnet, a password leak, State Department aid to Yemen.
  for (const char* guid : {
           "meridianwire:2012-05-29:yemen-zinjibar",
           "meridianwire:2012-06-04:grocer-card-breach",
           "https://www.capitalledger.example/sports/2012/07/28/olympics-swimming-day-one",
           "https://bastion-defence.example/2012/07/fordow-enrichment",
           "tag:thecircuit.example,2012-06-06:/password-dump",
           "urn:uuid:0b3f8c1a-7d24-4e9b-a6f1-5c2d9e8b7a03",
       }) {
    INFO(guid);
    REQUIRE(by_guid.contains(guid));
    CHECK(by_guid.at(guid).empty());
  }
  CHECK(by_guid.at("https://www.capitalledger.example/opinion/2012/08/14/cyber-double-standard") ==
        std::set<std::string>{"yemen-hacking", "nyt-stuxnet-us"});
  CHECK(by_guid.at("meridianwire:2012-07-18:china-dismisses-theft") ==
        std::set<std::string>{"china-ip-theft"});
}

TEST_CASE("demo: a second poll adds no story, match, history entry or alert") {
  Demo demo;
  REQUIRE(demo.cli({"poll", "--once"}).exit_code == 0);
  const auto first = demo.counts();
  CHECK(first.stories == 28);
  CHECK(first.alerts > 0);

  auto r = demo.cli({"poll", "--once"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("0 new stories") && Contains("0 alerts"));
  const auto second = demo.counts();
  CHECK(second.stories == first.stories);
  CHECK(second.revisions == first.revisions);
  CHECK(second.matches == first.matches);
  CHECK(second.history == first.history);
  CHECK(second.alerts == first.alerts);
}

TEST_CASE("demo: an edited article becomes a revision and is evaluated again") {
  Demo demo;
  // A private copy of the examples whose first Yemen report is later corrected in place.
  const auto examples = hw::test::source_dir() / "examples";
  std::filesystem::copy(examples, demo.dir / "ex", std::filesystem::copy_options::recursive);
  demo.config = (demo.dir / "ex/hypewatch.toml").string();
  REQUIRE(demo.cli({"poll", "--once"}).exit_code == 0);
  const auto before = demo.counts();

  const auto feed = demo.dir / "ex/feeds/the-circuit.xml";
  std::string xml = hw::test::read_file(feed);
  const std::string old_title = "Why attribution is the hardest problem in cyber conflict";
  const auto pos = xml.find(old_title);
  REQUIRE(pos != std::string::npos);
  xml.replace(pos, old_title.size(),
              "Why attribution is the hardest problem in cyber conflict (corrected)");
  hw::test::write_file(feed, xml);

  auto r = demo.cli({"poll", "--once"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("0 new stories, 1 revised"));
  const auto after = demo.counts();
  CHECK(after.stories == before.stories);
  CHECK(after.revisions == before.revisions + 1);
  // Re-evaluated (a new match row for the new revision) but the same story is not reported as
  // a repeat twice.
  CHECK(after.matches == before.matches + 1);
  CHECK(after.alerts == before.alerts);
}

TEST_CASE("hypewatch demo prints the clarification and the repeat alert") {
  hw::test::TempDir dir;
  auto r = hw::test::run_process({HW_HYPEWATCH_BIN, "demo", "--db", (dir / "d.db").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("yemen-hacking: reported -> clarified") &&
                        Contains("[repeated_after_clarification] yemen-hacking") &&
                        Contains("ID") && Contains("STATUS") && Contains("SINCE") &&
                        Contains("MATCHES"));
}

TEST_CASE("hypewatch demo leaves no temporary directory behind, after success or failure") {
  hw::test::TempDir tmp;     // the demo's $TMPDIR
  hw::test::TempDir config;  // a broken config, elsewhere
  const std::string tmpdir = "TMPDIR=" + tmp.path().string();
  auto ok = hw::test::run_process({"/usr/bin/env", tmpdir, HW_HYPEWATCH_BIN, "demo"});
  INFO(ok.out << ok.err);
  REQUIRE(ok.exit_code == 0);
  CHECK_THAT(ok.out, Contains("yemen-hacking: reported -> clarified"));
  CHECK(std::filesystem::is_empty(tmp.path()));

  hw::test::write_file(config / "hw.toml", "claims = \"missing-claims.toml\"\n");
  auto failed = hw::test::run_process({"/usr/bin/env", tmpdir, HW_HYPEWATCH_BIN, "demo", "--config",
                                       (config / "hw.toml").string()});
  CHECK(failed.exit_code == 78);  // EX_CONFIG
  CHECK_THAT(failed.err, Contains("missing-claims.toml"));
  CHECK(std::filesystem::is_empty(tmp.path()));
}
