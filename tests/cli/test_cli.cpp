// The `hypewatch` and `hypewatchd` command lines as a user meets them: real processes.
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

TEST_CASE("unknown commands and options are refused with a clear message") {
  auto r = hw_cli({"frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("unknown command 'frobnicate'"));

  r = hw_cli({"claims", "--colour"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--colour"));

  r = hw_cli({});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("missing command"));

  r = hw_cli({"history"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("claim"));
}

TEST_CASE("--help lists the commands and the default paths") {
  auto r = hw_cli({"--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("poll --once") && Contains("history CLAIM") && Contains("--db") &&
                        Contains("default:"));
}

TEST_CASE("missing files are named") {
  hw::test::TempDir dir;
  auto r = hw_cli({"--config", (dir / "nope.toml").string(), "poll", "--once"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains((dir / "nope.toml").string()));

  r = hw_cli({"--db", (dir / "none.db").string(), "claims"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains((dir / "none.db").string()) && Contains("no database"));

  r = hw_cli({"parse", (dir / "missing.xml").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains((dir / "missing.xml").string()));
}

TEST_CASE("poll without --once points to the daemon") {
  auto r = hw_cli({"poll"});
  CHECK(r.exit_code == 1);
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
  CHECK(r.exit_code == 1);
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
