// One answer to "which host/site is this URL from" for the fetcher's politeness, the evidence
// gate's independent sites and the digest's source names.
#include <catch2/catch.hpp>

#include "util/url_host.h"

using hw::url_host;
using hw::url_site;

TEST_CASE("url_host: the name, lowercased, without userinfo or port") {
  CHECK(url_host("https://Feeds.Example.COM/rss") == "feeds.example.com");
  CHECK(url_host("http://user:pw@news.example:8080/x?y#z") == "news.example");
  CHECK(url_host("HTTP://a.example") == "a.example");
  CHECK(url_host("https://www.example.org/a/b?c") == "www.example.org");
  CHECK(url_host("https://example.org?q=1") == "example.org");
  CHECK(url_host("https://example.org#top") == "example.org");
}

TEST_CASE("url_host: IPv6 literals keep their brackets and lose the port") {
  CHECK(url_host("http://[::1]:8080/feed") == "[::1]");
  CHECK(url_host("http://[2001:DB8::1]/") == "[2001:db8::1]");
}

TEST_CASE("url_host: any scheme, and links with spaces as feeds write them") {
  CHECK(url_host("gopher://Hole.example/1") == "hole.example");
  CHECK(url_host("https://example.org/a story.html") == "example.org");
}

TEST_CASE("url_host: empty when there is no host") {
  CHECK(url_host("file:///tmp/feed.xml").empty());
  CHECK(url_host("not a url").empty());
  CHECK(url_host("example.org/rss").empty());  // no scheme: a relative link, not a host
  CHECK(url_host("/2024/01/story").empty());
  CHECK(url_host("").empty());
  CHECK(url_host("https://").empty());
}

TEST_CASE("url_site: the host without a leading www") {
  CHECK(url_site("https://www.Example.org:8080/a?b") == "example.org");
  CHECK(url_site("http://user@news.example/x") == "news.example");
  CHECK(url_site("https://wwwexample.org/") == "wwwexample.org");
  CHECK(url_site("https://news.www.example/") == "news.www.example");
  CHECK(url_site("not a url").empty());
}
