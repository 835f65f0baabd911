// The fetcher against real transfers: file:// and a real HTTP server on 127.0.0.1.
#include <algorithm>
#include <atomic>
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

TEST_CASE("politeness: at most N per host, a gap between starts, a global limit") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  hw::feeds::FetchOptions options;
  options.max_per_host = 2;
  options.host_min_gap = std::chrono::milliseconds(200);
  Fetcher fetcher(options);
  std::vector<hw::feeds::FetchRequest> requests;
  for (int i = 0; i < 8; ++i) {
    requests.push_back({server.url("/delay/feed.xml?ms=300&i=" + std::to_string(i)), "", ""});
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto r = fetcher.fetch_all(requests);
  const auto took = std::chrono::steady_clock::now() - t0;
  for (const auto& one : r) {
    CHECK(body_of(one).http_status == 200);
  }
  CHECK(server.max_concurrent() == 2);
  // 8 requests, 2 at a time, 300 ms each: at least 4 rounds.
  CHECK(took >= std::chrono::milliseconds(1200));
  auto starts = server.starts("/delay/feed.xml");
  REQUIRE(starts.size() == 8);
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 1; i < starts.size(); ++i) {
    // Seen from the server, so scheduling noise on a loaded machine eats into the gap: check
    // for most of it, which a fetcher without the gap (starts ~0 ms apart) cannot pass.
    CHECK(starts[i] - starts[i - 1] >= 0.15);
  }
}

TEST_CASE("global in-flight limit across hosts") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  hw::feeds::FetchOptions options;
  options.max_in_flight = 3;
  options.max_per_host = 10;
  options.host_min_gap = std::chrono::milliseconds(0);
  Fetcher fetcher(options);
  // 127.0.0.1 and localhost are different hosts to the throttle, the same server here.
  std::vector<hw::feeds::FetchRequest> requests;
  for (int i = 0; i < 9; ++i) {
    const std::string host = i % 2 ? "localhost" : "127.0.0.1";
    requests.push_back({"http://" + host + ":" + std::to_string(server.port()) +
                            "/delay/feed.xml?ms=200&i=" + std::to_string(i),
                        "", ""});
  }
  auto r = fetcher.fetch_all(requests);
  for (const auto& one : r) {
    CHECK(body_of(one).http_status == 200);
  }
  CHECK(server.max_concurrent() == 3);
}

TEST_CASE("keep-alive connections are reused within a batch and by the next batch") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  hw::feeds::FetchOptions options;
  options.max_per_host = 2;
  options.host_min_gap = std::chrono::milliseconds(0);
  Fetcher fetcher(options);
  std::vector<hw::feeds::FetchRequest> requests;
  for (int i = 0; i < 10; ++i) {
    requests.push_back({server.url("/files/feed.xml?i=" + std::to_string(i)), "", ""});
  }
  for (const auto& one : fetcher.fetch_all(requests)) {
    CHECK(body_of(one).http_status == 200);
  }
  const int first = server.connections();
  CHECK(first <= 2);
  // A daemon's next cycle: the same Fetcher, no new connection.
  for (const auto& one : fetcher.fetch_all(requests)) {
    CHECK(body_of(one).http_status == 200);
  }
  CHECK(server.connections() == first);
}

TEST_CASE("redirect hints: permanent moves, temporary ones, loops; Retry-After; max-age") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  Fetcher fetcher;
  auto r = fetcher.fetch_all({{server.url("/redirect/301?to=/files/feed.xml"), "", ""},
                              {server.url("/redirect/308?to=/files/feed.xml"), "", ""},
                              {server.url("/redirect/302?to=/files/feed.xml"), "", ""},
                              {server.url("/loop"), "", ""},
                              {server.url("/status/429"), "", ""},
                              {server.url("/cache/3600/feed.xml"), "", ""},
                              {server.url("/gone"), "", ""}});
  CHECK(body_of(r[0]).hints.moved_to == server.url("/files/feed.xml"));
  CHECK(body_of(r[1]).hints.moved_to == server.url("/files/feed.xml"));
  CHECK(body_of(r[2]).hints.moved_to.empty());
  REQUIRE_FALSE(r[3].has_value());
  CHECK(r[3].error().kind == FetchError::Kind::too_many_redirects);
  CHECK(r[3].error().message == server.url("/loop") + ": more than 5 redirects (a redirect loop?)");
  REQUIRE_FALSE(r[4].has_value());
  CHECK(r[4].error().retry_after == "120");
  CHECK(r[4].error().message ==
        server.url("/status/429") + ": HTTP 429 Too Many Requests (Retry-After: 120)");
  CHECK(body_of(r[5]).hints.max_age == std::chrono::seconds(3600));
  REQUIRE_FALSE(r[6].has_value());
  CHECK(r[6].error().http_status == 410);
  CHECK(r[6].error().message == server.url("/gone") + ": HTTP 410 Gone");
}

TEST_CASE("the body cap holds after decompression: a gzip bomb is stopped") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  hw::feeds::FetchOptions options;
  options.max_body_bytes = 1u << 20;
  Fetcher fetcher(options);
  auto r = fetcher.fetch_all({{server.url("/gzipbomb?bytes=50000000"), "", ""}});
  REQUIRE_FALSE(r[0].has_value());
  CHECK(r[0].error().kind == FetchError::Kind::too_large);
  CHECK(r[0].error().message.find("after decompression") != std::string::npos);
}

TEST_CASE("cancel: nothing starts, nothing is blamed on the feed") {
  hw::test::HttpServer server(hw::test::fixture("fetch"));
  std::atomic<bool> stop{true};
  hw::feeds::FetchOptions options;
  options.cancel = &stop;
  Fetcher fetcher(options);
  auto r = fetcher.fetch_all({{server.url("/files/feed.xml"), "", ""}});
  REQUIRE_FALSE(r[0].has_value());
  CHECK(r[0].error().kind == FetchError::Kind::cancelled);
}
