// FeedStore (storage/feed_store.cpp) against a real SQLite file.
#include "store_fixture.h"

TEST_CASE("feeds: ensure_feed is idempotent per URL") {
  Fixture f;
  CHECK(f.store.feeds().ensure_feed("https://news.example/rss") == f.feed);
  const auto other = f.store.feeds().ensure_feed("https://other.example/atom");
  CHECK(other != f.feed);
  const auto feeds = f.store.feeds().list_feeds();
  REQUIRE(feeds.size() == 2);
  CHECK(feeds[0].url == "https://news.example/rss");
  CHECK(feeds[0].enabled);
  CHECK(feeds[0].error_count == 0);
  CHECK_FALSE(feeds[0].last_polled_at);
}

TEST_CASE("feeds: fetch success, 304 and failures are recorded") {
  Fixture f;
  hw::storage::FetchSuccess ok{200, "\"abc\"", "Thu, 14 Jun 2012 09:00:00 GMT", "deadbeef", "News"};
  f.store.feeds().record_fetch_success(f.feed, ok, t0);
  auto rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.etag == "\"abc\"");
  CHECK(rec.last_modified == "Thu, 14 Jun 2012 09:00:00 GMT");
  CHECK(rec.body_hash == "deadbeef");
  CHECK(rec.title == "News");
  CHECK(rec.last_http_status == 200);
  CHECK(rec.last_success_at == t0);

  f.store.feeds().record_fetch_failure(f.feed, 503, "HTTP 503", t0 + 1h);
  f.store.feeds().record_fetch_failure(f.feed, 0, "connect timeout", t0 + 2h);
  rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.error_count == 2);
  CHECK(rec.last_error == "connect timeout");
  CHECK(rec.last_http_status == 0);
  CHECK(rec.last_polled_at == t0 + 2h);
  CHECK(rec.last_success_at == t0);
  CHECK(rec.etag == "\"abc\"");  // validators survive failures

  f.store.feeds().record_not_modified(f.feed, 304, t0 + 3h);
  rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.error_count == 0);
  CHECK(rec.last_error.empty());
  CHECK(rec.last_http_status == 304);
  CHECK(rec.last_success_at == t0 + 3h);
  CHECK(rec.etag == "\"abc\"");

  f.store.feeds().set_next_poll_at(f.feed, t0 + 4h);
  f.store.feeds().set_feed_enabled(f.feed, false, "removed from config");
  rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.next_poll_at == t0 + 4h);
  CHECK_FALSE(rec.enabled);
  CHECK(rec.disabled_reason == "removed from config");

  CHECK_FALSE(f.store.feeds().feed(999));
  CHECK_THROWS_WITH(f.store.feeds().record_fetch_failure(999, 500, "x", t0),
                    Contains("record fetch failure feed=999") && Contains("does not exist"));
}
