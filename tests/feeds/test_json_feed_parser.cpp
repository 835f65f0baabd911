// JSON Feed 1.0/1.1 through the one parse_feed entry point.
#include <catch2/catch.hpp>

#include "feeds/feed_parser.h"

using hw::feeds::parse_feed;

TEST_CASE("JSON Feed 1.1: fields, relative links, dates, HTML content as text") {
  const std::string doc = R"({
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Loopback  Wire",
    "home_page_url": "https://wire.example/",
    "items": [
      {"id": "a1", "url": "/2012/yemen", "title": "Ads, not hacking",
       "summary": "A clarification", "content_html": "<p>The State Department <b>bought</b> ads.</p><script>x()</script>",
       "date_published": "2012-05-24T09:30:00-04:00", "date_modified": "2012-05-25T00:00:00Z"},
      {"id": 42, "content_text": "plain  text", "external_url": "https://elsewhere.example/x"},
      "not an object",
      {"title": "no id", "date_published": "yesterday"}
    ]})";
  auto feed = parse_feed(doc, "https://wire.example/feed.json", "application/feed+json");
  REQUIRE(feed);
  CHECK(feed->format == "json11");
  CHECK(feed->title == "Loopback Wire");
  CHECK(feed->link == "https://wire.example/");
  REQUIRE(feed->items.size() == 3);
  const auto& a = feed->items[0];
  CHECK(a.guid == "a1");
  CHECK(a.link == "https://wire.example/2012/yemen");
  CHECK(a.summary == "A clarification");
  CHECK(a.content == "The State Department bought ads.");
  CHECK(hw::format_utc(*a.published) == "2012-05-24T13:30:00Z");
  CHECK(hw::format_utc(*a.updated) == "2012-05-25T00:00:00Z");
  CHECK(feed->items[1].guid == "42");
  CHECK(feed->items[1].content == "plain text");
  CHECK(feed->items[1].link == "https://elsewhere.example/x");
  CHECK_FALSE(feed->items[2].published);
}

TEST_CASE("JSON Feed 1.0, and broken JSON feeds give clear errors") {
  auto v1 = parse_feed(R"({"version":"https://jsonfeed.org/version/1","title":"T","items":[]})");
  REQUIRE(v1);
  CHECK(v1->format == "json10");
  auto broken = parse_feed(R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":)");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().message.starts_with("JSON error at byte"));
  auto deep = parse_feed("{\"version\":\"https://jsonfeed.org/version/1\",\"x\":" +
                         std::string(100000, '[') + std::string(100000, ']') + "}");
  REQUIRE_FALSE(deep);
  CHECK(deep.error().message.find("nested") != std::string::npos);
}

TEST_CASE("JSON Feed numbers too large for a double are a feed error, not an exception") {
  // Issue 14: 70 bytes that made nlohmann throw out_of_range 406 through the whole daemon.
  auto huge = parse_feed(R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":1e999}]})");
  REQUIRE_FALSE(huge);
  CHECK(huge.error().message.starts_with("JSON error"));
  CHECK(huge.error().message.find("number overflow") != std::string::npos);
  auto negative = parse_feed(R"({"version":"https://jsonfeed.org/version/1","title":-1e400})");
  REQUIRE_FALSE(negative);
  CHECK(negative.error().message.starts_with("JSON error"));
}

TEST_CASE("RSS <ttl> is reported as a polling hint") {
  hw::feeds::FeedHints hints;
  auto feed =
      parse_feed("<rss version='2.0'><channel><title>t</title><ttl> 60 </ttl></channel></rss>", "",
                 "", &hints);
  REQUIRE(feed);
  CHECK(hints.ttl == std::chrono::minutes(60));
  hw::feeds::FeedHints none;
  REQUIRE(parse_feed("<rss version='2.0'><channel><ttl>soon</ttl></channel></rss>", "", "", &none));
  CHECK_FALSE(none.ttl);
}
