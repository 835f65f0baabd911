#include <catch2/catch.hpp>

#include <algorithm>

#include "app/config.h"
#include "support/test_support.h"
#include "util/error.h"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using hw::app::load_config;

namespace {

// The error loading `text` as `file` gives, or "no error".
std::string config_error(const std::filesystem::path& file, const std::string& text) {
  hw::test::write_file(file, text);
  try {
    load_config(file);
  } catch (const hw::ConfigError& e) {
    return std::string(e.what());
  }
  return std::string("no error");
}

}  // namespace

TEST_CASE("a config resolves relative paths against its own directory") {
  hw::test::TempDir dir;
  hw::test::write_file(dir / "hw.toml", R"(claims = "rules/claims.toml"
database = "state/hw.db"
poll_interval = "15m"

[[feed]]
url = "feeds/a.xml"
name = "A"

[[feed]]
url = "https://news.example.org/rss"
)");
  const auto c = load_config(dir / "hw.toml");
  CHECK(c.claims_file == dir.path() / "rules/claims.toml");
  REQUIRE(c.database);
  CHECK(*c.database == dir.path() / "state/hw.db");
  CHECK(c.poll_interval == std::chrono::minutes(15));
  REQUIRE(c.feeds.size() == 2);
  CHECK(c.feeds[0].url == "file://" + (dir.path() / "feeds/a.xml").string());
  CHECK(c.feeds[0].name == "A");
  CHECK(c.feeds[1].url == "https://news.example.org/rss");
}

TEST_CASE("config errors name the file, line and column") {
  hw::test::TempDir dir;
  const auto file = dir / "hw.toml";
  auto error_of = [&](const std::string& text) { return config_error(file, text); };
  CHECK_THAT(error_of("claims = \"c.toml\"\npoll_intervall = \"5m\"\n"),
             StartsWith(file.string() + ":2:1: ") && Contains("unknown key 'poll_intervall'"));
  CHECK_THAT(error_of("claims = \"c.toml\"\npoll_interval = \"soon\"\n"),
             StartsWith(file.string() + ":2:") && Contains("poll_interval"));
  CHECK_THAT(error_of("claims = \"c.toml\"\n[[feed]]\nurl = \"gopher://x/\"\n"),
             StartsWith(file.string() + ":3:") && Contains("unsupported scheme 'gopher'"));
  // A password in a feed URL would be logged, listed by `feeds` and stored: refused, unrepeated.
  const std::string secret =
      error_of("claims = \"c.toml\"\n[[feed]]\nurl = \"https://ann:s3cret@example.org/rss\"\n");
  CHECK_THAT(secret, StartsWith(file.string() + ":3:") && Contains("user information"));
  CHECK_THAT(secret, !Contains("s3cret"));
  CHECK_THAT(error_of("claims = \"c.toml\"\n[[feed]]\nurl = \"https://a/\"\n[[feed]]\nurl = "
                      "\"https://a/\"\n"),
             StartsWith(file.string() + ":4:") && Contains("listed twice"));
  CHECK_THAT(error_of("claims = \n"), StartsWith(file.string() + ":1:"));
  CHECK_THAT(error_of("poll_interval = 60\n"), Contains("missing 'claims'"));
}

TEST_CASE("a missing config file is named") {
  try {
    load_config("/nonexistent/hypewatch.toml");
    FAIL("expected an error");
  } catch (const hw::ConfigError& e) {
    CHECK_THAT(e.what(), Contains("/nonexistent/hypewatch.toml") && Contains("no such file"));
  }
}

TEST_CASE("durations") {
  using hw::app::parse_duration;
  CHECK(parse_duration("90") == std::chrono::seconds(90));
  CHECK(parse_duration("90s") == std::chrono::seconds(90));
  CHECK(parse_duration("2h") == std::chrono::hours(2));
  CHECK(parse_duration("1d") == std::chrono::hours(24));
  CHECK_FALSE(parse_duration("0"));
  CHECK_FALSE(parse_duration("-5m"));
  CHECK_FALSE(parse_duration("5 minutes"));
  // Found by fuzz_config: the multiplication overflowed (undefined behaviour); and a year is
  // the longest interval, so adding one to a clock reading in nanoseconds cannot overflow.
  CHECK_FALSE(parse_duration("7766272260497083708m"));
  CHECK_FALSE(parse_duration("9223372036854775807"));
  CHECK(parse_duration("366d") == std::chrono::hours(366 * 24));
  CHECK_FALSE(parse_duration("367d"));
}

TEST_CASE("an interval too large for the clocks is a config error, not undefined behaviour") {
  hw::test::TempDir dir;
  hw::test::write_file(dir / "hw.toml",
                       "claims = \"claims.toml\"\n[digest]\nretry_max = 9223372036854775807\n");
  CHECK_THROWS_WITH(
      load_config(dir / "hw.toml"),
      Contains("hw.toml:3:") && Contains("digest.retry_max must be a positive duration"));
}

TEST_CASE("[sources]: the sites known for made-up news, replaced or added to") {
  hw::test::TempDir dir;
  const auto file = dir / "hw.toml";
  auto load = [&](const std::string& text) {
    hw::test::write_file(file, "claims = \"c.toml\"\n" + text);
    return load_config(file).sources.low_credibility;
  };
  auto has = [](const std::vector<std::string>& sites, const std::string& site) {
    return std::ranges::find(sites, site) != sites.end();
  };
  // Without [sources], the built-in list.
  const auto builtin = load("");
  CHECK(has(builtin, "nationalreport.net"));
  // Added to, written the way a desk copies a host.
  const auto added = load("[sources]\nadd_low_credibility = [\"WWW.Hoax.Example\"]\n");
  CHECK(has(added, "hoax.example"));
  CHECK(has(added, "nationalreport.net"));
  CHECK(added.size() == builtin.size() + 1);
  // Replaced; an empty list turns the rule off.
  CHECK(load("[sources]\nlow_credibility = [\"hoax.example\"]\n") ==
        std::vector<std::string>{"hoax.example"});
  CHECK(load("[sources]\nlow_credibility = []\n").empty());
  // A URL is not a host name; an unknown key is named; both with the line.
  auto error_of = [&](const std::string& text) {
    return config_error(file, "claims = \"c.toml\"\n" + text);
  };
  CHECK_THAT(error_of("[sources]\nlow_credibility = [\"https://hoax.example/\"]\n"),
             StartsWith(file.string() + ":3:") && Contains("not a host name"));
  CHECK_THAT(error_of("[sources]\nlow_credibilty = []\n"),
             StartsWith(file.string() + ":3:") && Contains("unknown key 'low_credibilty'"));
  CHECK_THAT(error_of("[sources]\nlow_credibility = \"hoax.example\"\n"),
             StartsWith(file.string() + ":3:") && Contains("array of host names"));
}
