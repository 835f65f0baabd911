// The ingest stage on threads (IngestPipeline: parse threads + one writer) stores exactly what
// the sequential cycle stores: every table of the two databases, the full-text index's own
// tables included, row for row, and the alerts in the same order.
#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "app/ingest_pipeline.h"
#include "app/poll_cycle.h"
#include "storage/database.h"
#include "support/claim_fixtures.h"
#include "support/http_server.h"
#include "support/test_support.h"

using namespace std::chrono;
using hw::storage::Database;

namespace {

namespace fs = std::filesystem;

constexpr int kFeeds = 24;

// Feed f in round r: 30 items, some about the claim, one revised every round; every fifth
// feed answers with broken XML in round 1.
void write_feeds(const fs::path& www, int round) {
  for (int f = 0; f < kFeeds; ++f) {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site " +
                      std::to_string(f) + "</title>";
    for (int j = 0; j < 30; ++j) {
      const std::string id = std::to_string(f) + "-" + std::to_string(j);
      std::string text = j % 5 == 0   ? "Officials said the lighthouse will be demolished soon."
                         : j % 5 == 1 ? "The council says the lighthouse will be restored."
                                      : "Harbour news " + id + ": the <b>ferry</b> timetable.";
      if (j == round) {
        text += " Updated in round " + std::to_string(round) + ".";
      }
      xml += "<item><guid>g" + id + "</guid><link>https://site" + std::to_string(f % 7) +
             ".example/" + id + "</link><title>Story " + id + "</title><description><![CDATA[<p>" +
             text + "</p>]]></description><pubDate>Thu, " + std::to_string(10 + (f + j) % 18) +
             " May 2012 09:" + std::to_string(10 + j % 50) + ":00 GMT</pubDate></item>";
    }
    xml += round == 1 && f % 5 == 0 ? "<item><title>cut" : "</channel></rss>";
    const fs::path file = www / ("f" + std::to_string(f) + ".xml");
    hw::test::write_file(file, xml);
    // The same Last-Modified in both runs: the server sends the file's time.
    fs::last_write_time(file, fs::file_time_type{} + hours(24 * 365 * 50 + round));
  }
}

struct Run {
  std::vector<std::string> alerts;
};

Run poll_twice(const fs::path& dir, const std::string& name, unsigned parse_threads,
               hw::test::HttpServer& server) {
  auto store = hw::storage::Store::open(dir / name, hw::storage::OpenMode::read_write);
  hw::feeds::FetchOptions options;
  options.max_in_flight = 1;  // completion order = request order, so the runs are comparable
  hw::feeds::Fetcher fetcher(options);
  hw::rules::Matcher matcher({hw::test::lighthouse_claim()});
  hw::ManualClock clock(sys_days{2012y / June / 5} + 12h);
  hw::app::PollCycle cycle(store, fetcher, matcher, clock);
  cycle.set_parse_threads(parse_threads);
  std::vector<hw::app::FeedConfig> feeds;
  for (int f = 0; f < kFeeds; ++f) {
    feeds.push_back({server.url("/files/f" + std::to_string(f) + ".xml"), ""});
  }
  Run run;
  for (int round = 0; round < 2; ++round) {
    write_feeds(dir / "www", round);
    clock.advance(hours(1));
    for (const auto& a : cycle.run(feeds).alerts) {
      run.alerts.push_back(a.claim_id + " " + a.message);
    }
  }
  return run;
}

std::int64_t scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_int64(0);
}

}  // namespace

TEST_CASE("parallel ingest stores exactly what the sequential cycle stores") {
  hw::test::TempDir dir;
  fs::create_directories(dir / "www");
  hw::test::HttpServer server(dir / "www");
  const Run sequential = poll_twice(dir.path(), "sequential.db", 0, server);
  const Run parallel = poll_twice(dir.path(), "parallel.db", 3, server);
  CHECK_FALSE(sequential.alerts.empty());
  CHECK(parallel.alerts == sequential.alerts);

  Database db(dir / "sequential.db", Database::Access::read_write);
  // A file name bound as a value, not formatted into the SQL.
  auto attach = db.prepare("ATTACH DATABASE ?1 AS other");
  attach.bind(1, (dir / "parallel.db").string());
  attach.run();
  // The one value that is not the cycle's: when the database first saw each feed URL (its
  // own wall clock, not the injected clock).
  db.exec("UPDATE main.feeds SET created_at = ''");
  db.exec("UPDATE other.feeds SET created_at = ''");
  std::vector<std::string> tables;
  auto list = db.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY name");
  while (list.step()) {
    tables.push_back(list.column_text(0));
  }
  REQUIRE(tables.size() > 10);
  CHECK(scalar(db, "SELECT count(*) FROM main.stories") == kFeeds * 30);
  for (const std::string& t : tables) {
    INFO(t);
    // Table names come from the schema itself; SQL cannot bind them.
    const std::string a = "main.\"" + t + "\"", b = "other.\"" + t + "\"";
    CHECK(scalar(db, "SELECT count(*) FROM " + a) == scalar(db, "SELECT count(*) FROM " + b));
    CHECK(scalar(db, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT SELECT * FROM " + b +
                         ")") == 0);
  }
}

TEST_CASE("the writer takes prepared feeds in submission order, whichever parse ends first") {
  std::vector<std::size_t> written;
  std::mt19937 rng(3);
  std::vector<int> delays(200);
  for (int& d : delays) {
    d = static_cast<int>(rng() % 3);
  }
  int commits = 0;
  hw::app::IngestPipeline pipeline(
      {.parse_threads = 3, .commit_bytes = 10, .max_queued = 6},
      [&](std::size_t i, hw::feeds::FetchResult&& r) {
        std::this_thread::sleep_for(milliseconds(delays[i]));
        hw::app::PreparedFeed p;
        p.index = i;
        p.result = std::move(r);
        p.body_bytes = 4;
        return p;
      },
      [&](hw::app::PreparedFeed& p) { written.push_back(p.index); },
      [&] { ++commits; });
  for (std::size_t i = 0; i < delays.size(); ++i) {
    pipeline.submit(i, hw::feeds::NotModified{});
  }
  pipeline.finish();
  REQUIRE(written.size() == delays.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    CHECK(written[i] == i);
  }
  CHECK(commits >= 200 / 3);  // each time 10 bytes were written, at least
}

TEST_CASE("a writer failure stops the pipeline and reaches finish()") {
  std::size_t written = 0;
  hw::app::IngestPipeline pipeline(
      {.parse_threads = 2},
      [&](std::size_t i, hw::feeds::FetchResult&& r) {
        hw::app::PreparedFeed p;
        p.index = i;
        p.result = std::move(r);
        return p;
      },
      [&](hw::app::PreparedFeed& p) {
        if (p.index == 5) {
          throw hw::storage::StorageError("disk full");
        }
        ++written;
      },
      [] {});
  for (std::size_t i = 0; i < 50; ++i) {
    pipeline.submit(i, hw::feeds::NotModified{});
  }
  CHECK_THROWS_WITH(pipeline.finish(), "disk full");
  CHECK(written == 5);
}
