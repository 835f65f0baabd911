// The `hypewatch` and `hypewatchd` command lines as a user meets them: real processes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using hw::test::run_process;

namespace {

hw::test::ProcessResult hw_cli(std::vector<std::string> args) {
  args.insert(args.begin(), HW_HYPEWATCH_BIN);
  return run_process(args);
}

}  // namespace

TEST_CASE("unknown commands and options are refused with a clear message and EX_USAGE") {
  auto r = hw_cli({"frobnicate"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("unknown command 'frobnicate'"));

  r = hw_cli({"claims", "--colur"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("unknown option '--colur'"));

  r = hw_cli({});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("missing command"));
}

TEST_CASE("mistyped commands and options get a suggestion") {
  auto r = hw_cli({"clams"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("unknown command 'clams' (did you mean 'claims'?)"));

  r = hw_cli({"stories", "--lmit", "3"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("unknown option '--lmit' (did you mean '--limit'?)"));

  r = hw_cli({"feeds", "ad", "https://x.example/rss"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("unknown command 'feeds ad' (did you mean 'add'?)"));

  r = hw_cli({"help", "hsitory"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("(did you mean 'history'?)"));
}

TEST_CASE("a missing argument is named as the help names it, never by an internal option") {
  auto r = hw_cli({"history"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("hypewatch history: CLAIM is required"));
  CHECK_THAT(r.err, !Contains("--claim"));

  r = hw_cli({"claim"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("set-status or test"));

  r = hw_cli({"claim", "set-status", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("CLAIM") && Contains("STATUS") && Contains("--reason"));
  CHECK_THAT(r.out, !Contains("claim-args"));

  r = hw_cli({"feeds", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("add") && Contains("remove") && !Contains("feeds-args"));
}

TEST_CASE("numbers out of range on the command line are usage errors naming the argument") {
  auto r = hw_cli({"stories", "--limit", "99999999999999999999"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("--limit") && !Contains("internal error"));

  r = hw_cli({"stories", "--limit", "0"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("--limit"));

  r = hw_cli({"show", "99999999999999999999"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("STORY") && !Contains("internal error"));

  r = hw_cli({"claims", "--status", "clarifeid"});
  CHECK(r.exit_code == 64);
  CHECK_THAT(r.err, Contains("--status"));
}

TEST_CASE("each command's --help shows that command only; the global help is printed once") {
  const auto global = hw_cli({"--help"});
  REQUIRE(global.exit_code == 0);
  std::size_t headings = 0;
  for (auto at = global.out.find("common options"); at != std::string::npos;
       at = global.out.find("common options", at + 1)) {
    ++headings;
  }
  CHECK(headings == 1);

  auto r = hw_cli({"search", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("hypewatch search") && Contains("--fts") && Contains("--limit"));
  CHECK_THAT(r.out, !Contains("poll --once") && !Contains("set-status"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') < 25);

  const auto help = hw_cli({"help", "feeds", "add"});
  CHECK(help.exit_code == 0);
  CHECK(help.out == hw_cli({"feeds", "add", "--help"}).out);
  CHECK_THAT(help.out, Contains("hypewatch feeds add") && Contains("--interval"));

  CHECK(hw_cli({"help"}).out == global.out);
}

TEST_CASE("--version prints the version") {
  const auto r = hw_cli({"--version"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("hypewatch 0."));
}

TEST_CASE("common options work before and after the command") {
  hw::test::TempDir dir;
  const auto db = (dir / "none.db").string();
  const auto before = hw_cli({"--db", db, "claims"});
  const auto after = hw_cli({"claims", "--db", db});
  CHECK(before.exit_code == 66);
  CHECK(after.exit_code == 66);
  CHECK_THAT(after.err, Contains(db));
}

TEST_CASE("--help lists the commands and the default paths") {
  auto r = hw_cli({"--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("poll --once") && Contains("history CLAIM") && Contains("--db") &&
                        Contains("default:") && Contains("show STORY") && Contains("64"));
}

TEST_CASE("missing files are named, with their sysexits code") {
  hw::test::TempDir dir;
  auto r = hw_cli({"--config", (dir / "nope.toml").string(), "poll", "--once"});
  CHECK(r.exit_code == 78);  // EX_CONFIG
  CHECK_THAT(r.err, Contains((dir / "nope.toml").string()));

  r = hw_cli({"--db", (dir / "none.db").string(), "claims"});
  CHECK(r.exit_code == 66);  // EX_NOINPUT
  CHECK_THAT(r.err, Contains((dir / "none.db").string()) && Contains("no database"));

  r = hw_cli({"parse", (dir / "missing.xml").string()});
  CHECK(r.exit_code == 66);
  CHECK_THAT(r.err, Contains((dir / "missing.xml").string()));
}

TEST_CASE("poll without --once points to the daemon") {
  auto r = hw_cli({"poll"});
  CHECK(r.exit_code == 64);  // EX_USAGE
  CHECK_THAT(r.err, Contains("--once") && Contains("hypewatchd"));
}

TEST_CASE("parse prints the normalized feed as JSON") {
  auto r = hw_cli({"parse", hw::test::fixture("fetch/feed.xml").string()});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["format"] == "rss20");
  CHECK(j["title"] == "Loopback Wire");
  REQUIRE(j["items"].size() == 1);
  const auto& item = j["items"][0];
  CHECK(item["guid"] == "loopback-ferry-1");
  CHECK(item["link"] == "http://127.0.0.1/news/ferry");
  CHECK(item["published"] == "2012-06-04T09:30:00Z");
  CHECK(item["updated"].is_null());
  CHECK(item["summary"] == "The terminal will double capacity on the island route.");
  CHECK(item["content"].is_null());
}

TEST_CASE("parse of a document that is not a feed fails in one line naming the file") {
  const auto file = hw::test::fixture("cli/not-a-feed.html").string();
  auto r = hw_cli({"parse", file});
  CHECK(r.exit_code == 65);  // EX_DATAERR
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains(file) && Contains("not a feed"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("hypewatchd --check-config validates config and claims") {
  auto r = run_process({HW_HYPEWATCHD_BIN, "--check-config", "--config",
                        (hw::test::source_dir() / "examples/hypewatch.toml").string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("OK"));

  hw::test::TempDir dir;
  hw::test::write_file(dir / "hw.toml", "claims = \"claims.toml\"\n");
  hw::test::write_file(dir / "claims.toml", "[[claim]]\nid = \"x\"\nstauts = \"reported\"\n");
  r = run_process({HW_HYPEWATCHD_BIN, "--check-config", "--config", (dir / "hw.toml").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains((dir / "claims.toml").string() + ":3:"));
}
