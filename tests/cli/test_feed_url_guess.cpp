// A web address typed without its scheme is told apart from a local file name.
#include <catch2/catch.hpp>

#include "cli/feed_url_guess.h"

using hw::cli::scheme_missing_guess;

TEST_CASE("host-looking arguments without a scheme get an https:// suggestion") {
  CHECK(scheme_missing_guess("www.example.org/rss.xml") == "https://www.example.org/rss.xml");
  CHECK(scheme_missing_guess("example.org") == "https://example.org");
  CHECK(scheme_missing_guess("news.example.co.uk:8080/feed") ==
        "https://news.example.co.uk:8080/feed");
  CHECK(scheme_missing_guess("127.0.0.1/rss") == "https://127.0.0.1/rss");
  CHECK(scheme_missing_guess("localhost:8080/x") == "https://localhost:8080/x");
  CHECK(scheme_missing_guess("www.rss") == "https://www.rss");
}

TEST_CASE("file names and explicit paths are not taken for hosts") {
  for (const char* arg : {"feed.xml", "feeds/archive.xml", "news.rss", "subs.opml", "./x.org/rss",
                          "/srv/example.org/rss.xml", "~/example.org/rss", "../example.org/rss",
                          "data.d/feed.xml", "archive", "https://example.org/rss",
                          "file:///tmp/example.org", "bad_host.org/rss", "example.123/rss", ""}) {
    INFO(arg);
    CHECK_FALSE(scheme_missing_guess(arg).has_value());
  }
}
