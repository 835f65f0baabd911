// The query commands as an analyst meets them, over a database polled from a small feed:
// plain-word search, `show STORY`, JSON numbers, CSV empties, limits and filters, tables that
// fit the terminal and colour that honours NO_COLOR.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

const std::string kLongTitle =
    "Clinton says the State Department hacked al-Qaeda websites in Yemen, replacing boasts with "
    "casualty figures in an online operation";

const std::string kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>
<item><title>)" + kLongTitle +
                          R"(</title>
  <link>https://www.wire.example/world/2012/05/23/clinton-yemen-websites-hacked-state-department</link>
  <guid>hack</guid><pubDate>Wed, 23 May 2012 10:00:00 GMT</pubDate>
  <description>Clinton said a State Department unit hacked al-Qaeda websites in Yemen.</description></item>
<item><title>State Department: we don't hack, we bought advertisements in Yemen</title>
  <link>https://www.wire.example/world/2012/05/24/state-yemen-ads</link>
  <guid>ads</guid><pubDate>Thu, 24 May 2012 10:00:00 GMT</pubDate>
  <description>The U.S. State Department did not hack al-Qaeda websites in Yemen and said the episode was a purchase of advertisements on those sites.</description></item>
<item><title>Harbour reopens</title><link>https://www.wire.example/harbour</link>
  <guid>harbour</guid><pubDate>Fri, 25 May 2012 10:00:00 GMT</pubDate>
  <description>Ferries run again.</description></item>
</channel></rss>
)";

const char* const kClaims = R"([[claim]]
id = "yemen-hacking"
statement = "The State Department hacked al-Qaeda websites in Yemen."
required = [["state department"], ["hack*"], ["al-qaeda"], ["yemen*"]]
clarification = ["purchase of advertisements", "bought advertisements"]
)";

class Desk {
 public:
  Desk() {
    hw::test::write_file(m_dir / "wire.xml", kFeed);
    hw::test::write_file(m_dir / "claims.toml", kClaims);
    hw::test::write_file(m_dir / "hw.toml",
                         "claims = \"claims.toml\"\n[[feed]]\nurl = \"wire.xml\"\n"
                         "name = \"Test Wire Desk\"\n");
    const auto poll = cli({"poll", "--once"});
    INFO(poll.out << poll.err);
    REQUIRE(poll.exit_code == 0);
  }
  std::vector<std::string> common() const {
    return {"--config", (m_dir / "hw.toml").string(), "--db", (m_dir / "hw.db").string()};
  }
  hw::test::ProcessResult cli(std::vector<std::string> args) const {
    auto c = common();
    args.insert(args.begin(), c.begin(), c.end());
    args.insert(args.begin(), HW_HYPEWATCH_BIN);
    return hw::test::run_process(args, 60);
  }
  nlohmann::json json(std::vector<std::string> args) const {
    args.push_back("--json");
    const auto r = cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }
  // The command on a pseudo-terminal (script(1)), with `env` settings such as COLUMNS=70.
  std::string on_tty(const std::string& env, const std::vector<std::string>& args) const {
    std::string command = env + " " + HW_HYPEWATCH_BIN;
    for (const auto& a : common()) {
      command += " '" + a + "'";
    }
    for (const auto& a : args) {
      command += " '" + a + "'";
    }
    const auto r =
        hw::test::run_process({"/usr/bin/script", "-q", "-e", "-c", command, "/dev/null"}, 60);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string out = r.out;
    std::erase(out, '\r');
    return out;
  }
  std::int64_t story_id(const std::string& words) const {
    const auto hits = json({"search", words});
    REQUIRE(hits.size() == 1);
    return hits[0]["id"].get<std::int64_t>();
  }

 private:
  hw::test::TempDir m_dir;
};

}  // namespace

TEST_CASE("search takes plain words: punctuation and operator words are just words") {
  Desk desk;
  for (const std::string words : {"u.s.", "don't", "yemen AND", "advertisements"}) {
    const auto r = desk.cli({"search", words});
    INFO(words << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("bought advertisements"));
    CHECK_THAT(r.err, !Contains("SELECT"));
  }
  CHECK(desk.json({"search", "advert*"}).size() == 1);
  CHECK(desk.json({"search", "harbour", "ferries"}).size() == 1);  // several words: all of them
}

TEST_CASE("search --fts takes FTS5 syntax; a query it cannot parse says so in words") {
  Desk desk;
  CHECK(desk.json({"search", "--fts", "yemen NOT advertisements"}).size() == 1);
  const auto r = desk.cli({"search", "--fts", "yemen AND"});
  CHECK(r.exit_code == 65);  // EX_DATAERR
  CHECK_THAT(r.err, Contains("invalid search: syntax error"));
  CHECK_THAT(r.err, !Contains("SELECT") && !Contains("fts5"));
}

TEST_CASE("show STORY prints the story, its dates, text and matches with stance and evidence") {
  Desk desk;
  const auto id = desk.story_id("advertisements");
  const auto r = desk.cli({"show", std::to_string(id)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("story " + std::to_string(id) +
                             ": State Department: we don't hack, we bought advertisements"));
  CHECK_THAT(r.out, Contains("https://www.wire.example/world/2012/05/24/state-yemen-ads"));
  CHECK_THAT(r.out, Contains("Test Wire Desk"));
  CHECK_THAT(r.out, Contains("published:  2012-05-24T10:00:00Z"));
  CHECK_THAT(r.out, Contains("purchase of advertisements on those sites"));
  CHECK_THAT(r.out, Contains("yemen-hacking  clarifies  score "));
  CHECK_THAT(r.out, Contains("rule:") && Contains("evidence:"));

  const auto j = desk.json({"show", std::to_string(id)});
  CHECK(j["id"] == id);
  CHECK(j["feed"]["name"] == "Test Wire Desk");
  REQUIRE(j["matches"].size() == 1);
  CHECK(j["matches"][0]["claim"] == "yemen-hacking");
  CHECK(j["matches"][0]["stance"] == "clarifies");
  CHECK(j["matches"][0]["score"].is_number());
  CHECK(j["revisions"].size() == 1);

  const auto none = desk.cli({"show", "999999"});
  CHECK(none.exit_code == 66);  // EX_NOINPUT
  CHECK_THAT(none.err, Contains("no story 999999"));
}

TEST_CASE("stats --json gives numbers as numbers and missing times as null") {
  Desk desk;
  const auto j = desk.json({"stats"});
  CHECK(j["stories"].is_number_integer());
  CHECK(j["stories"] == 3);
  CHECK(j["feeds"] == 1);
  CHECK(j["database_bytes"].get<std::int64_t>() > 0);
  CHECK(j["last_poll"].is_string());
}

TEST_CASE("CSV leaves empty fields empty") {
  Desk desk;
  const auto feeds = desk.cli({"feeds", "--csv"});
  REQUIRE(feeds.exit_code == 0);
  const auto rows = hw::test::lines_of(feeds.out);
  REQUIRE(rows.size() == 2);
  CHECK_THAT(rows[0], Contains("NAME"));
  CHECK_THAT(rows[1], Contains("Test Wire Desk"));
  CHECK_THAT(rows[1], Contains(",,"));  // no HTTP status for a file, no error
  CHECK_THAT(rows[1], !Contains(",-,") && !Contains(",-\r"));

  const auto stories = desk.cli({"stories", "--csv"});
  CHECK_THAT(stories.out, Contains("Harbour reopens") && !Contains(",-,"));
}

TEST_CASE("feeds shows the configured names") {
  Desk desk;
  const auto r = desk.cli({"feeds"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(hw::test::lines_of(r.out)[0], Contains("NAME"));
  CHECK_THAT(r.out, Contains("Test Wire Desk"));
}

TEST_CASE("alerts are newest first and --limit keeps the newest") {
  Desk desk;
  const auto all = desk.json({"alerts"});
  REQUIRE(all.size() == 2);
  CHECK(all[0]["id"].get<int>() > all[1]["id"].get<int>());
  CHECK(all[0]["to"] == "clarified");
  const auto one = desk.json({"alerts", "--limit", "1"});
  REQUIRE(one.size() == 1);
  CHECK(one[0]["id"] == all[0]["id"]);
}

TEST_CASE("claims --status keeps the claims with that status") {
  Desk desk;
  CHECK(desk.json({"claims", "--status", "clarified"}).size() == 1);
  CHECK(desk.json({"claims", "--status", "disputed"}).empty());
}

TEST_CASE("tables are never cut when piped, fitted with --width") {
  Desk desk;
  const auto piped = desk.cli({"stories"});
  CHECK_THAT(piped.out, Contains(kLongTitle));

  const auto fitted = desk.cli({"stories", "--width", "100"});
  REQUIRE(fitted.exit_code == 0);
  for (const auto& line : hw::test::lines_of(fitted.out)) {
    INFO(line);
    CHECK(line.size() <= 100 + 4 * 2);  // bytes; "…" is three bytes for one column
  }
  CHECK_THAT(fitted.out, Contains("Clinton says") && Contains("…"));
  CHECK_THAT(fitted.out, !Contains(kLongTitle));
}

TEST_CASE("on a terminal tables fit COLUMNS and are coloured unless NO_COLOR is set") {
  Desk desk;
  const auto tty = desk.on_tty("COLUMNS=90", {"stories"});
  CHECK_THAT(tty, !Contains(kLongTitle) && Contains("…"));
  for (const auto& line : hw::test::lines_of(tty)) {
    INFO(line);
    CHECK(line.size() <= 90 + 4 * 2);
  }
  CHECK_THAT(desk.on_tty("COLUMNS=200", {"claims"}), Contains("\x1b[36mclarified\x1b[0m"));
  CHECK_THAT(desk.on_tty("NO_COLOR=1", {"claims"}), !Contains("\x1b["));
  CHECK_THAT(desk.on_tty("NO_COLOR=1", {"claims", "--color=always"}), Contains("\x1b[36m"));
  // Piped: no colour unless asked.
  CHECK_THAT(desk.cli({"claims"}).out, !Contains("\x1b["));
  CHECK_THAT(desk.cli({"claims", "--color", "always"}).out, Contains("\x1b[36mclarified"));
}
