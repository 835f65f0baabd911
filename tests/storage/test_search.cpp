// Full-text search limits (StoryStore::search_stories in storage/story_search.cpp): size, terms,
// time, and plain errors.
#include <catch2/catch.hpp>

#include "storage/store.h"
#include "support/test_support.h"

using namespace std::chrono;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using hw::storage::OpenMode;
using hw::storage::Store;

namespace {

struct Fixture {
  hw::test::TempDir dir;
  Store store = Store::open(dir / "hw.db", OpenMode::read_write);

  explicit Fixture(int stories = 3) {
    const auto feed = store.feeds().ensure_feed("https://news.example/rss");
    std::vector<hw::Story> items;
    for (int i = 0; i < stories; ++i) {
      hw::Story s;
      s.guid = "urn:" + std::to_string(i);
      s.title = "Story " + std::to_string(i) + " on Yemen";
      s.summary = "The State Department bought advertisements on websites in Yemen, item " +
                  std::to_string(i) + " of a long series about the harbour and the markets.";
      items.push_back(std::move(s));
    }
    store.stories().upsert_stories(feed, items, sys_days{2012y / June / 14});
  }
};

}  // namespace

TEST_CASE("search: an ordinary query finds stories") {
  Fixture f;
  const auto hits = f.store.stories().search_stories("yemen AND advert*");
  REQUIRE(hits);
  CHECK(hits->size() == 3);
}

TEST_CASE("search: a huge query is refused without echoing it") {
  // Issue 14: a 100 KB query never returned, and its syntax error echoed all 100 KB.
  Fixture f;
  const std::string huge(100'000, 'x');
  const auto r = f.store.stories().search_stories(huge + " AND (");
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, StartsWith("invalid search: the query is 100006 bytes"));
  CHECK(r.error().message.size() < 200);
}

TEST_CASE("search: too many terms are refused; the limit itself is fine") {
  Fixture f;
  std::string words;
  for (int i = 0; i < 32; ++i) {
    words += (i ? " " : "") + std::string("yemen");
  }
  REQUIRE(f.store.stories().search_stories(words));
  const auto r = f.store.stories().search_stories(words + " harbour");
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "invalid search: the query has 33 terms; the limit is 32");
}

TEST_CASE("search: FTS5 syntax errors are a plain message without SQL") {
  Fixture f;
  const auto r = f.store.stories().search_stories("yemen AND");
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, StartsWith("invalid search: syntax error near"));
  CHECK_THAT(r.error().message, !Contains("SELECT") && !Contains("fts5:"));
  const auto column = f.store.stories().search_stories("nosuchcolumn: yemen");
  REQUIRE_FALSE(column);
  CHECK_THAT(column.error().message, StartsWith("invalid search: no such column"));
  const auto empty = f.store.stories().search_stories("  ");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "invalid search: the query has no words");
}

TEST_CASE("search: SQLite's progress handler stops a search that runs out of time") {
  // A limit of zero has passed before the first check: deterministic, no wall-time bound.
  Fixture f(200);
  hw::storage::SearchLimits limits;
  limits.max_time = milliseconds(0);
  const auto r = f.store.stories().search_stories("yemen OR harbour OR markets", 20, limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, StartsWith("invalid search: stopped after 0 ms"));
  // The handler is gone afterwards: the connection works normally again.
  REQUIRE(f.store.stories().search_stories("yemen"));
  CHECK(f.store.counts().stories == 200);
}
