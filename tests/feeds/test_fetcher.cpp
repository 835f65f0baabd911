// The fetcher against real transfers: file:// and a real HTTP server on 127.0.0.1.
#include <catch2/catch.hpp>
#include <variant>

#include "feeds/fetcher.h"
#include "support/http_server.h"
#include "support/test_support.h"

using hw::feeds::Fetched;
using hw::feeds::Fetcher;
using hw::feeds::FetchError;
using hw::feeds::NotModified;

namespace {

const Fetched& body_of(const hw::feeds::FetchResult& r) {
  REQUIRE(r.has_value());
  REQUIRE(std::holds_alternative<Fetched>(*r));
  return std::get<Fetched>(*r);
}

}  // namespace

TEST_CASE("file:// URLs are read; a missing file names the path") {
  Fetcher fetcher;
  const auto path = hw::test::fixture("fetch/feed.xml");
  auto results = fetcher.fetch_all(
      {{"file://" + path.string(), "", ""}, {"file:///nonexistent/hypewatch/feed.xml", "", ""}});
  REQUIRE(results.size() == 2);
  CHECK(body_of(results[0]).body.find("Loopback Wire") != std::string::npos);
  REQUIRE_FALSE(results[1].has_value());
  CHECK(results[1].error().message.find("/nonexistent/hypewatch/feed.xml") != std::string::npos);
}

TEST_CASE("conditional GET: validators are returned and a 304 is a normal outcome") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  Fetcher fetcher;
  const std::string url = server.url("/files/feed.xml");
  auto first = fetcher.fetch_all({{url, "", ""}});
  const Fetched& f = body_of(first[0]);
  CHECK(f.http_status == 200);
  CHECK_FALSE(f.etag.empty());
  CHECK_FALSE(f.last_modified.empty());
  CHECK(f.content_type.find("rss+xml") != std::string::npos);

  auto second = fetcher.fetch_all({{url, f.etag, f.last_modified}});
  REQUIRE(second[0].has_value());
  CHECK(std::holds_alternative<NotModified>(*second[0]));
  CHECK(server.last_header("/files/feed.xml", "If-None-Match") == f.etag);
  CHECK(server.last_header("/files/feed.xml", "If-Modified-Since") == f.last_modified);
  CHECK(server.last_header("/files/feed.xml", "User-Agent").rfind("hypewatch/", 0) == 0);
}

TEST_CASE("HTTP errors name the URL and the status; other feeds in the batch are unaffected") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  Fetcher fetcher;
  auto r = fetcher.fetch_all({{server.url("/status/404"), "", ""},
                              {server.url("/files/feed.xml"), "", ""},
                              {server.url("/status/503"), "", ""}});
  REQUIRE_FALSE(r[0].has_value());
  CHECK(r[0].error().kind == FetchError::Kind::http_status);
  CHECK(r[0].error().http_status == 404);
  CHECK(r[0].error().message == server.url("/status/404") + ": HTTP 404 Not Found");
  CHECK(body_of(r[1]).body.find("Loopback Wire") != std::string::npos);
  REQUIRE_FALSE(r[2].has_value());
  CHECK(r[2].error().http_status == 503);
}

TEST_CASE("gzip bodies are decoded; redirects are followed but never to file://") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  Fetcher fetcher;
  auto r = fetcher.fetch_all({{server.url("/gzip/feed.xml"), "", ""},
                              {server.url("/redirect/301?to=/files/feed.xml"), "", ""},
                              {server.url("/redirect/302?to=file:///etc/passwd"), "", ""}});
  CHECK(body_of(r[0]).body.find("Loopback Wire") != std::string::npos);
  CHECK(body_of(r[1]).effective_url == server.url("/files/feed.xml"));
  REQUIRE_FALSE(r[2].has_value());
  CHECK(r[2].error().message.find(server.url("/redirect/302")) == 0);
}

TEST_CASE("limits: oversize bodies, slow servers and truncated bodies fail cleanly") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  hw::feeds::FetchOptions options;
  options.max_body_bytes = 64 * 1024;
  options.total_timeout_ms = 1500;
  Fetcher fetcher(options);
  auto r = fetcher.fetch_all({{server.url("/big?bytes=1000000"), "", ""},
                              {server.url("/slow"), "", ""},
                              {server.url("/truncated"), "", ""},
                              {"http://127.0.0.1:1/feed.xml", "", ""}});
  REQUIRE_FALSE(r[0].has_value());
  CHECK(r[0].error().kind == FetchError::Kind::too_large);
  REQUIRE_FALSE(r[1].has_value());
  CHECK(r[1].error().kind == FetchError::Kind::timeout);
  CHECK(r[1].error().message.find("Operation timed out") != std::string::npos);
  REQUIRE_FALSE(r[2].has_value());
  REQUIRE_FALSE(r[3].has_value());
  CHECK(r[3].error().kind == FetchError::Kind::connect);
  CHECK(r[3].error().message.find("http://127.0.0.1:1/feed.xml: ") == 0);
}
