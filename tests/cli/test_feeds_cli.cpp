// `hypewatch feeds add|remove|import|export` as a user meets them, and how feeds from the
// database and from the config combine in one cycle.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/opml.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

hw::test::ProcessResult hw_cli(std::vector<std::string> args) {
  args.insert(args.begin(), HW_HYPEWATCH_BIN);
  return hw::test::run_process(args, 60);
}

}  // namespace

TEST_CASE("OPML: nested outlines are flattened, duplicates dropped, errors name the line") {
  const std::string opml = R"(<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="News">
    <outline text="Wire" title="The Wire" type="rss" xmlUrl="https://wire.example/rss"/>
    <outline text="Deep"><outline text="Gazette" xmlUrl=" http://gazette.example/feed "/></outline>
  </outline>
  <outline text="Wire again" xmlUrl="https://wire.example/rss"/>
  <outline text="just a link" htmlUrl="https://example.org/"/>
</body></opml>)";
  auto feeds = hw::cli::parse_opml(opml, "subs.opml");
  REQUIRE(feeds);
  REQUIRE(feeds->size() == 2);
  CHECK((*feeds)[0].url == "https://wire.example/rss");
  CHECK((*feeds)[0].title == "The Wire");
  CHECK((*feeds)[1].url == "http://gazette.example/feed");
  CHECK((*feeds)[1].title == "Gazette");

  auto bad = hw::cli::parse_opml("<opml>\n<body>\n<outline></body></opml>", "x.opml");
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Contains("x.opml:3: XML error"));
  auto rss = hw::cli::parse_opml("<rss version='2.0'/>", "y.opml");
  REQUIRE_FALSE(rss);
  CHECK(rss.error().message == "y.opml: not OPML (root element <rss>)");

  // Round trip through write_opml, with characters that need escaping.
  const std::string out = hw::cli::write_opml({{"https://a.example/?x=1&y=2", "A & \"B\""}}, "t");
  auto back = hw::cli::parse_opml(out, "out.opml");
  REQUIRE(back);
  REQUIRE(back->size() == 1);
  CHECK((*back)[0].url == "https://a.example/?x=1&y=2");
  CHECK((*back)[0].title == "A & \"B\"");
}

TEST_CASE("feeds add/remove/import/export, and DB feeds polled beside config feeds") {
  hw::test::TempDir dir;
  std::filesystem::copy(hw::test::fixture("cycle"), dir / "www");
  hw::test::HttpServer server(dir / "www");
  const std::string config_feed = server.url("/files/harbour.xml");
  hw::test::write_file(dir / "hw.toml",
                       "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                           "\"\n[[feed]]\nurl = \"" + config_feed + "\"\nname = \"Harbour\"\n");
  const std::vector<std::string> common{"--config", (dir / "hw.toml").string(), "--db",
                                        (dir / "hw.db").string()};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.begin(), common.begin(), common.end());
    return hw_cli(args);
  };

  const std::string added = server.url("/files/moved.xml");
  auto add = with({"feeds", "add", added, "--interval", "15m", "--name", "Moved"});
  INFO(add.out << add.err);
  REQUIRE(add.exit_code == 0);
  CHECK_THAT(add.out, Contains("added feed 1 " + added));
  CHECK(with({"feeds", "add", added}).out.find("already present") != std::string::npos);

  auto refused = with({"feeds", "add", "ftp://x.example/feed"});
  CHECK(refused.exit_code == 64);  // EX_USAGE
  CHECK_THAT(refused.err, Contains("unsupported URL"));
  auto secret = with({"feeds", "add", "https://ann:s3cret@x.example/feed"});
  CHECK(secret.exit_code == 64);
  CHECK_THAT(secret.err, Contains("user information"));
  CHECK_THAT(secret.err + secret.out, !Contains("s3cret"));

  hw::test::write_file(dir / "subs.opml",
                       "<opml version='1.0'><body><outline text='Latin' xmlUrl='" +
                           server.url("/files/latin1.xml") + "'/><outline text='Local' " +
                           "xmlUrl='file:///etc/passwd'/><outline xmlUrl='" + added +
                           "'/></body></opml>");
  auto import = with({"feeds", "import", (dir / "subs.opml").string()});
  INFO(import.out << import.err);
  REQUIRE(import.exit_code == 0);
  CHECK_THAT(import.out, Contains("imported 1 new feeds") && Contains("1 already present") &&
                             Contains("1 skipped"));
  CHECK_THAT(import.err, Contains("file:///etc/passwd"));

  // One cycle polls the config feed and both database feeds.
  auto poll = with({"poll", "--once"});
  INFO(poll.out << poll.err);
  REQUIRE(poll.exit_code == 0);
  CHECK_THAT(poll.out, Contains("polled 3 feeds: 3 parsed"));
  json feeds = json::parse(with({"feeds", "--json"}).out);
  REQUIRE(feeds.size() == 3);
  for (const auto& f : feeds) {
    CHECK(f["state"] == "ok");
  }
  CHECK(feeds[0]["source"] == "cli");
  CHECK(feeds[0]["interval_s"] == 900);
  CHECK(feeds[1]["source"] == "opml");
  CHECK(feeds[2]["source"] == "config");
  CHECK(feeds[2]["name"] == "Harbour");

  auto exported = with({"feeds", "export"});
  REQUIRE(exported.exit_code == 0);
  auto listed = hw::cli::parse_opml(exported.out, "export");
  REQUIRE(listed);
  CHECK(listed->size() == 3);

  // A config feed is managed in the config, not with `feeds remove`.
  auto no = with({"feeds", "remove", config_feed});
  CHECK(no.exit_code == 78);  // EX_CONFIG: the config file must change
  CHECK_THAT(no.err, Contains("listed in the config file"));
  auto removed = with({"feeds", "remove", "1"});
  REQUIRE(removed.exit_code == 0);
  CHECK_THAT(removed.out, Contains("removed feed 1 " + added + " (2 stories kept)"));

  // Dropping the [[feed]] from the config disables it at the next cycle; stories stay.
  hw::test::write_file(
      dir / "hw.toml",
      "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() + "\"\n");
  auto again = with({"poll", "--once"});
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Contains("polled 1 feeds"));
  feeds = json::parse(with({"feeds", "--json"}).out);
  CHECK(feeds[0]["state"] == "disabled");
  CHECK(feeds[2]["state"] == "disabled");
  CHECK(feeds[2]["disabled_reason"] == "removed from config");
  CHECK(feeds[2]["stories"] == 2);
  auto table = with({"feeds"});
  CHECK_THAT(table.out, Contains("disabled: removed from config"));
  CHECK_THAT(table.out, Contains("disabled: removed with `hypewatch feeds remove`"));

  // Adding a removed feed again enables it.
  auto back = with({"feeds", "add", added});
  CHECK_THAT(back.out, Contains("enabled again"));
}

TEST_CASE("feeds add: a web address without https:// is refused with a suggestion, paths work") {
  hw::test::TempDir dir;
  hw::test::write_file(dir / "local.xml", hw::test::read_file(hw::test::fixture("fetch/feed.xml")));
  const std::vector<std::string> common{"--db", (dir / "hw.db").string()};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.begin(), common.begin(), common.end());
    return hw_cli(args);
  };

  auto typo = with({"feeds", "add", "www.example.org/rss.xml"});
  CHECK(typo.exit_code == 64);
  CHECK_THAT(typo.err, Contains("did you mean https://www.example.org/rss.xml?"));
  CHECK_FALSE(std::filesystem::exists(dir / "hw.db"));  // nothing was added

  const std::string local = (dir / "local.xml").string();
  auto path = with({"feeds", "add", local});
  INFO(path.out << path.err);
  CHECK(path.exit_code == 0);
  CHECK_THAT(path.out, Contains("added feed 1 file://" + local));
  auto url = with({"feeds", "add", "file://" + (dir / "other.xml").string()});
  CHECK(url.exit_code == 0);
  CHECK_THAT(url.out, Contains("added feed 2 file://"));
}
