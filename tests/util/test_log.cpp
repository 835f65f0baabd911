#include <algorithm>
#include <catch2/catch.hpp>

#include "support/test_support.h"
#include "util/log.h"

using namespace std::chrono;

TEST_CASE("identical repeated failures are logged once per window, with the count") {
  hw::log::RepeatLimiter limiter(hours(1));
  const sys_seconds t0 = sys_days{2026y / November / 26};
  CHECK(limiter.admit("feed 3", "HTTP 503", t0) == 0);
  CHECK_FALSE(limiter.admit("feed 3", "HTTP 503", t0 + minutes(30)));
  CHECK_FALSE(limiter.admit("feed 3", "HTTP 503", t0 + minutes(59)));
  // Another feed, or another error of the same feed, is news: logged at once.
  CHECK(limiter.admit("feed 4", "HTTP 503", t0 + minutes(59)) == 0);
  CHECK(limiter.admit("feed 3", "HTTP 404", t0 + minutes(59)) == 0);
  CHECK_FALSE(limiter.admit("feed 3", "HTTP 404", t0 + minutes(60)));
  CHECK(limiter.admit("feed 3", "HTTP 404", t0 + minutes(120)) == 1);
}

TEST_CASE("a log file receives timestamped key=value lines") {
  hw::test::TempDir dir;
  const auto file = (dir / "hw.log").string();
  REQUIRE(hw::log::init(hw::log::Level::info, hw::log::Sink::console, file));
  hw::log::info("feeds", "feed polled", {{"url", "https://x.example/rss"}, {"note", "a b"}});
  hw::log::debug("feeds", "not at info level");
  // A file that cannot be opened is an error naming it, and the file in use keeps logging.
  const auto bad = hw::log::init(hw::log::Level::info, hw::log::Sink::console,
                                 (dir / "missing/dir/x.log").string());
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Matchers::Contains("missing/dir/x.log"));
  hw::log::info("feeds", "still logged after a refused file");
  REQUIRE(hw::log::init(hw::log::Level::warning, hw::log::Sink::console));  // closes the file
  const auto text = hw::test::read_file(file);
  CHECK(text.find(" info [feeds] feed polled url=https://x.example/rss note=\"a b\"") !=
        std::string::npos);
  CHECK(text.find("not at info level") == std::string::npos);
  CHECK(text.find("still logged after a refused file") != std::string::npos);
}

TEST_CASE("outside text cannot forge a log line") {
  // Issue 14: a feed title with "&#10;" printed a second, real-looking line.
  hw::test::TempDir dir;
  const auto file = (dir / "hw.log").string();
  REQUIRE(hw::log::init(hw::log::Level::info, hw::log::Sink::console, file));
  hw::log::info("feeds", "digest: claim \nforged in message",
                {{"title", "Ads\n2026-12-01T14:00:00Z error [daemon] database corrupt"},
                 {"bidi", "abc\u202Etxt.exe"},
                 {"quote", "say \"hi\" \\ bye"}});
  REQUIRE(hw::log::init(hw::log::Level::warning, hw::log::Sink::console));
  const auto text = hw::test::read_file(file);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  CHECK(text.find("digest: claim \\nforged in message") != std::string::npos);
  CHECK(text.find("title=\"Ads\\n2026-12-01T14:00:00Z error [daemon] database corrupt\"") !=
        std::string::npos);
  CHECK(text.find("bidi=\"abc\\u202etxt.exe\"") != std::string::npos);
  CHECK(text.find("quote=\"say \\\"hi\\\" \\\\ bye\"") != std::string::npos);
}
