// One poll cycle against a real HTTP server on 127.0.0.1: failing feeds are recorded with
// their reason and do not disturb the others; conditional GET makes the next cycle cheap.
#include <catch2/catch.hpp>

#include "app/poll_cycle.h"
#include "support/claim_fixtures.h"
#include "support/http_server.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using namespace std::chrono;

namespace {

const hw::storage::FeedRecord& feed_with(const std::vector<hw::storage::FeedRecord>& feeds,
                                         const std::string& url) {
  for (const auto& f : feeds) {
    if (f.url == url) {
      return f;
    }
  }
  FAIL("no feed " << url);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a cycle records each failing feed with its reason and keeps the good ones") {
  hw::test::TempDir dir;
  std::filesystem::copy(hw::test::fixture("cycle"), dir / "www");
  hw::test::HttpServer server(dir / "www");
  auto store = hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::FetchOptions options;
  options.total_timeout_ms = 5000;
  hw::feeds::Fetcher fetcher(options);
  hw::rules::Matcher matcher({hw::test::lighthouse_claim()});
  hw::ManualClock clock(sys_days{2012y / June / 5} + 12h);
  hw::app::PollCycle cycle(store, fetcher, matcher, clock);

  const std::string good = server.url("/files/harbour.xml");
  const std::string missing = server.url("/status/404");
  const std::string broken = server.url("/status/500");
  const std::string html = server.url("/files/front-page.html");
  const std::string nofile = "file://" + (dir / "nowhere.xml").string();
  const std::vector<hw::app::FeedConfig> feeds{
      {missing, ""}, {good, ""}, {broken, ""}, {html, ""}, {nofile, ""}};

  auto report = cycle.run(feeds);
  CHECK(report.feeds == 5);
  CHECK(report.fetched == 1);
  CHECK(report.failed == 4);
  CHECK(report.stories_new == 2);
  CHECK(report.matches == 1);
  // For the metrics: why each failed, and the HTTP statuses seen (the file:// feed has none).
  CHECK(report.failures_by_reason ==
        std::map<std::string, int>{{"http_status", 2}, {"parse", 1}, {"io", 1}});
  CHECK(report.http_responses == std::map<int, int>{{200, 2}, {404, 1}, {500, 1}});
  REQUIRE(report.alerts.size() == 1);
  CHECK(report.alerts[0].claim_id == "lighthouse-demolition");
  CHECK(report.alerts[0].to == hw::ClaimStatus::reported);

  auto listed = store.feeds().list_feeds();
  CHECK(feed_with(listed, good).stories == 2);
  CHECK(feed_with(listed, good).last_http_status == 200);
  CHECK(feed_with(listed, good).error_count == 0);
  CHECK_FALSE(feed_with(listed, good).etag.empty());
  CHECK(feed_with(listed, good).title == "Harbour Gazette");

  CHECK(feed_with(listed, missing).error_count == 1);
  CHECK(feed_with(listed, missing).last_http_status == 404);
  CHECK_THAT(feed_with(listed, missing).last_error, Contains(missing) && Contains("HTTP 404"));
  CHECK_THAT(feed_with(listed, broken).last_error, Contains("HTTP 500"));
  CHECK_THAT(feed_with(listed, html).last_error, Contains(html) && Contains("not a feed"));
  CHECK_THAT(feed_with(listed, nofile).last_error, Contains("nowhere.xml"));
  CHECK(feed_with(listed, html).stories == 0);

  SECTION("the next cycle uses conditional GET and touches no story") {
    clock.advance(minutes(30));
    const auto before = store.counts();
    auto second = cycle.run(feeds);
    CHECK(second.not_modified == 1);
    CHECK(second.fetched == 0);
    CHECK(second.failed == 4);
    CHECK(second.alerts.empty());
    CHECK_FALSE(server.last_header("/files/harbour.xml", "If-None-Match").empty());
    const auto after = store.counts();
    CHECK(after.stories == before.stories);
    CHECK(after.revisions == before.revisions);
    CHECK(after.matches == before.matches);
    listed = store.feeds().list_feeds();
    CHECK(feed_with(listed, missing).error_count == 2);
    CHECK(feed_with(listed, good).error_count == 0);
    CHECK(feed_with(listed, good).last_polled_at == clock.now());
  }

  SECTION("a recovered feed clears its error; a clarifying revision moves the claim") {
    std::string xml = hw::test::read_file(dir / "www/harbour.xml");
    const std::string from = "will be demolished next spring.";
    xml.replace(xml.find(from), from.size(),
                "will be demolished next spring. Correction: the lighthouse will be restored, "
                "not demolished.");
    hw::test::write_file(dir / "www/harbour.xml", xml);
    clock.advance(minutes(30));
    auto second = cycle.run(feeds);
    CHECK(second.stories_new == 0);
    CHECK(second.stories_revised == 1);
    REQUIRE(second.alerts.size() == 1);
    CHECK(second.alerts[0].from == hw::ClaimStatus::reported);
    CHECK(second.alerts[0].to == hw::ClaimStatus::clarified);
    const auto history = store.claims().history("lighthouse-demolition");
    REQUIRE(history.size() == 3);
    CHECK(history.back().change.to == hw::ClaimStatus::clarified);
    CHECK(history.back().story_title == "Mayor says the old lighthouse will be demolished");
  }
}

TEST_CASE("a feed failing for a day raises one feed_failing alert per failure streak") {
  hw::test::TempDir dir;
  const auto file = dir / "harbour.xml";
  std::filesystem::copy(hw::test::fixture("cycle") / "harbour.xml", file);
  auto store = hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::Fetcher fetcher(hw::feeds::FetchOptions{});
  hw::rules::Matcher matcher({hw::test::lighthouse_claim()});
  hw::ManualClock clock(sys_days{2012y / June / 5} + 12h);
  hw::app::PollCycle cycle(store, fetcher, matcher, clock);
  const std::vector<hw::app::FeedConfig> feeds{{"file://" + file.string(), "Harbour Gazette"}};
  auto failing_alerts = [](const hw::app::CycleReport& r) {
    return std::ranges::count(r.alerts, hw::AlertKind::feed_failing, &hw::Alert::kind);
  };

  REQUIRE(cycle.run(feeds).fetched == 1);
  std::filesystem::remove(file);
  clock.advance(hours(1));
  CHECK(cycle.run(feeds).failed == 1);  // the streak starts here
  clock.advance(hours(20));
  CHECK(failing_alerts(cycle.run(feeds)) == 0);  // 20 h: not yet a day
  clock.advance(hours(5));
  const auto day = cycle.run(feeds);
  REQUIRE(failing_alerts(day) == 1);
  const auto& alert = *std::ranges::find(day.alerts, hw::AlertKind::feed_failing, &hw::Alert::kind);
  CHECK(alert.claim_id.empty());
  CHECK_THAT(alert.message,
             Contains("Harbour Gazette") && Contains("harbour.xml") &&
                 Contains("has failed for 25 h (3 attempts since 2012-06-05T13:00:00Z)"));
  clock.advance(hours(1));
  CHECK(failing_alerts(cycle.run(feeds)) == 0);  // once per streak

  // A success ends the streak; failing for another day is reported again.
  std::filesystem::copy(hw::test::fixture("cycle") / "harbour.xml", file);
  clock.advance(hours(1));
  CHECK(cycle.run(feeds).failed == 0);
  std::filesystem::remove(file);
  clock.advance(hours(1));
  cycle.run(feeds);
  clock.advance(hours(25));
  CHECK(failing_alerts(cycle.run(feeds)) == 1);

  // Stored like any alert, without a claim, for the digest and webhooks.
  const auto stored = store.alerts().list_alerts();
  CHECK(std::ranges::count_if(stored, [](const auto& r) {
          return r.alert.kind == hw::AlertKind::feed_failing && r.alert.claim_id.empty();
        }) == 2);
}

TEST_CASE("a claim first reported by a site known for made-up news is disputed, as configured") {
  hw::test::TempDir dir;
  // The harbour story, published by a site on the built-in list.
  std::string feed = hw::test::read_file(hw::test::fixture("cycle") / "harbour.xml");
  const std::string local = "http://harbour.example/news/lighthouse";
  feed.replace(feed.find(local), local.size(), "https://www.nationalreport.net/lighthouse");
  hw::test::write_file(dir / "harbour.xml", feed);
  const std::vector<hw::app::FeedConfig> feeds{{"file://" + (dir / "harbour.xml").string(), ""}};
  hw::feeds::Fetcher fetcher(hw::feeds::FetchOptions{});
  hw::ManualClock clock(sys_days{2012y / June / 5} + 12h);

  auto first_status = [&](const std::string& db, const hw::app::SourcesConfig* sources) {
    auto store = hw::storage::Store::open(dir / db, hw::storage::OpenMode::read_write);
    hw::rules::Matcher matcher({hw::test::lighthouse_claim()});
    hw::app::PollCycle cycle(store, fetcher, matcher, clock);
    if (sources != nullptr) {
      cycle.set_sources(*sources);
    }
    const auto report = cycle.run(feeds);
    REQUIRE(report.alerts.size() == 1);
    return report.alerts[0];
  };
  const auto made_up = first_status("builtin.db", nullptr);
  CHECK(made_up.to == hw::ClaimStatus::disputed);
  CHECK_THAT(made_up.message, Contains("nationalreport.net"));
  // A desk that trusts the site (an empty list) sees a first report.
  const hw::app::SourcesConfig none{};
  CHECK(first_status("trusting.db", &none).to == hw::ClaimStatus::reported);
}
