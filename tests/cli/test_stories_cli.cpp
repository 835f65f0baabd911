// `hypewatch stories` over feeds with local-language dates and undated items: a story is
// ordered and filtered by its feed date, else by when it was first seen, and says which.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

const char* const kFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Folha</title><link>https://folha.example/</link>
<item><title>Portuguese date</title><link>https://folha.example/pt</link>
  <guid>pt</guid><pubDate>Seg, 24 Set 2018 10:00:00 -0300</pubDate></item>
<item><title>English date</title><link>https://folha.example/en</link>
  <guid>en</guid><pubDate>Tue, 01 Oct 2019 10:00:00 GMT</pubDate></item>
<item><title>No date</title><link>https://folha.example/none</link><guid>none</guid></item>
</channel></rss>
)";

}  // namespace

TEST_CASE("stories: local-language dates order stories; undated ones show when first seen") {
  hw::test::TempDir dir;
  hw::test::write_file(dir / "folha.xml", kFeed);
  hw::test::write_file(dir / "hw.toml",
                       "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                           "\"\n[[feed]]\nurl = \"folha.xml\"\n");
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {HW_HYPEWATCH_BIN, "--config", (dir / "hw.toml").string(), "--db",
                               (dir / "hw.db").string()});
    return hw::test::run_process(args, 60);
  };
  auto poll = cli({"poll", "--once"});
  INFO(poll.out << poll.err);
  REQUIRE(poll.exit_code == 0);

  auto json = cli({"stories", "--json"});
  REQUIRE(json.exit_code == 0);
  const auto rows = nlohmann::json::parse(json.out);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["title"] == "No date");  // first seen just now: the newest
  CHECK(rows[0]["published"].is_null());
  CHECK(rows[1]["title"] == "English date");
  CHECK(rows[2]["title"] == "Portuguese date");
  CHECK(rows[2]["published"] == "2018-09-24T13:00:00Z");

  // Only the undated story was seen within the last week; the table marks its time.
  auto recent = cli({"stories", "--since", "7d"});
  INFO(recent.out << recent.err);
  REQUIRE(recent.exit_code == 0);
  CHECK_THAT(recent.out, Contains("No date"));
  CHECK_FALSE(recent.out.find("Portuguese date") != std::string::npos);
  CHECK_THAT(recent.out, Contains("Z* ") && Contains("* no date in the feed"));

  auto dated = cli({"stories", "--since", "2019-01-01", "--limit", "5"});
  CHECK_THAT(dated.out, Contains("English date") && Contains("No date"));
  CHECK_FALSE(dated.out.find("Portuguese date") != std::string::npos);
}
