// The status engine as a desk uses it (docs/status.md): evidence thresholds (independent sites),
// manual status that the engine respects, and hype spikes — through real poll cycles over
// file:// feeds, with a manual clock.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli/commands.h"
#include "app/poll_cycle.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using namespace std::chrono;

namespace {

hw::Claim bridge_claim() {
  hw::Claim c;
  c.id = "bridge-closure";
  c.statement = "The harbour bridge will close for a year.";
  c.required = {{"harbour bridge"}, {"clos*"}};
  c.clarification_phrases = {"only the footpath"};
  c.refutation_phrases = {"denied the bridge", "no plans to close"};
  c.confirmation_phrases = {"confirmed the closure"};
  return c;
}

struct Item {
  std::string guid;
  std::string link;
  std::string title;
  std::string pub_date;  // RFC 822
};

std::string rss(const std::vector<Item>& items) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
         "<link>https://wire.example/</link>";
  for (const auto& i : items) {
    out << "<item><guid>" << i.guid << "</guid><link>" << i.link << "</link><title>" << i.title
        << "</title><pubDate>" << i.pub_date << "</pubDate></item>";
  }
  out << "</channel></rss>";
  return out.str();
}

struct Desk {
  hw::test::TempDir dir;
  hw::storage::Store store =
      hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::Fetcher fetcher{hw::feeds::FetchOptions{}};
  hw::rules::Matcher matcher;
  hw::ManualClock clock{sys_days{2014y / March / 3} + 12h};
  std::string feed_url = "file://" + (dir / "feed.xml").string();

  explicit Desk(hw::Claim claim) : matcher({std::move(claim)}) {}

  hw::app::CycleReport poll(const std::vector<Item>& items) {
    hw::test::write_file(dir / "feed.xml", rss(items));
    hw::app::PollCycle cycle(store, fetcher, matcher, clock);
    return cycle.run({{feed_url, "", std::nullopt}});
  }
  hw::ClaimStatus status() const { return store.claims().claim("bridge-closure")->status; }
};

}  // namespace

TEST_CASE("disputed needs two distinct sites; the history names them") {
  Desk desk(bridge_claim());
  std::vector<Item> items{
      {"1", "https://news-a.example/1", "Harbour bridge to close for a year",
       "Mon, 03 Mar 2014 08:00:00 GMT"},
      {"2", "https://www.news-b.example/2",
       "City denied the bridge closure: harbour bridge closing is not planned",
       "Mon, 03 Mar 2014 09:00:00 GMT"},
      // Same site again: still one independent source.
      {"3", "https://news-b.example/3", "Officials: no plans to close the harbour bridge",
       "Mon, 03 Mar 2014 10:00:00 GMT"}};
  desk.poll(items);
  CHECK(desk.status() == hw::ClaimStatus::reported);

  items.push_back({"4", "https://gazette-c.example/4",
                   "Mayor says there are no plans to close the harbour bridge",
                   "Mon, 03 Mar 2014 11:00:00 GMT"});
  desk.clock.advance(hours(1));
  desk.poll(items);
  CHECK(desk.status() == hw::ClaimStatus::disputed);
  const auto history = desk.store.claims().history("bridge-closure");
  REQUIRE(history.size() == 3);
  CHECK(history.back().change.to == hw::ClaimStatus::disputed);
  CHECK_THAT(history.back().change.rule,
             Contains("2 sources") && Contains("news-b.example") && Contains("gazette-c.example"));
  CHECK(history.back().story_link == "https://gazette-c.example/4");
}

TEST_CASE("a claim can ask for more sources, or accept one") {
  auto claim = bridge_claim();
  claim.min_sources = 1;
  Desk desk(claim);
  desk.poll(
      {{"1", "https://news-a.example/1", "Officials confirmed the closure of the harbour bridge",
        "Mon, 03 Mar 2014 08:00:00 GMT"}});
  CHECK(desk.status() == hw::ClaimStatus::confirmed);

  auto strict = bridge_claim();
  strict.min_score = 0.95;  // rule matches score 0.5..1: this one is too weak
  Desk picky(strict);
  // The claim's words are scattered over sentences and the phrase stands apart: score 0.75.
  picky.poll({{"1", "https://news-a.example/1",
               "Traffic. The harbour bridge is busy. Works will close lanes. Only the footpath "
               "is affected.",
               "Mon, 03 Mar 2014 09:00:00 GMT"}});
  CHECK(picky.store.claims().matches_for_claim("bridge-closure").size() == 1);
  CHECK(picky.status() == hw::ClaimStatus::tracked);
}

TEST_CASE("one authoritative story clarifies; a manual status is respected by the engine") {
  Desk desk(bridge_claim());
  desk.poll({{"1", "https://news-a.example/1", "Harbour bridge to close for a year",
              "Mon, 03 Mar 2014 08:00:00 GMT"}});
  REQUIRE(desk.status() == hw::ClaimStatus::reported);

  hw::cli::Invocation inv;
  inv.paths.db = desk.dir / "hw.db";
  std::ostringstream out;
  desk.clock.advance(hours(1));
  REQUIRE(hw::cli::cmd_claim_set_status(inv, "bridge-closure", "confirmed",
                                        "council minutes of 3 March", desk.clock, out) == 0);
  CHECK_THAT(out.str(), Contains("reported -> confirmed"));
  REQUIRE(desk.status() == hw::ClaimStatus::confirmed);

  desk.clock.advance(hours(1));
  desk.poll({{"1", "https://news-a.example/1", "Harbour bridge to close for a year",
              "Mon, 03 Mar 2014 08:00:00 GMT"},
             {"2", "https://news-b.example/2", "Harbour bridge: only the footpath will close",
              "Mon, 03 Mar 2014 14:00:00 GMT"}});
  CHECK(desk.status() == hw::ClaimStatus::confirmed);  // a clarification would have moved it
  const auto history = desk.store.claims().history("bridge-closure");
  REQUIRE(history.size() == 3);
  CHECK(history.back().change.actor == "manual");
  CHECK(history.back().change.reason == "council minutes of 3 March");
  CHECK_FALSE(history.back().change.story_id.has_value());

  CHECK_THROWS_WITH(
      hw::cli::cmd_claim_set_status(inv, "bridge-closure", "debunked", "x", desk.clock, out),
      Contains("invalid status 'debunked'"));
  CHECK_THROWS_WITH(
      hw::cli::cmd_claim_set_status(inv, "bridge-closure", "disputed", " ", desk.clock, out),
      Contains("--reason is required"));
  CHECK_THROWS_WITH(
      hw::cli::cmd_claim_set_status(inv, "no-such-claim", "disputed", "x", desk.clock, out),
      Contains("unknown claim 'no-such-claim'"));
}
