// Replaying an archive gives the history that living through it would (docs/status.md,
// "Evidence time"): the same stories polled all at once, or in ten polls in time order, leave
// the same history, alerts and hype spikes — every one dated by its evidence.
#include <catch2/catch.hpp>

#include <sstream>

#include "app/learned_wording.h"
#include "app/poll_cycle.h"
#include "support/test_support.h"

using namespace std::chrono;

namespace {

const hw::TimePoint kStart = sys_days{2014y / March / 1} + 8h;

hw::Claim moon_claim() {
  hw::Claim c;
  c.id = "moon-hotel";
  c.statement = "A company will build a hotel on the Moon.";
  c.required = {{"moon"}, {"hotel*"}};
  c.clarification_phrases = {"only a concept"};
  return c;
}

struct Article {
  hw::TimePoint at;
  int site = 0;
  std::string title;
};

// A quiet week, a burst, a clarification, repeats, a second burst ten days later.
std::vector<Article> archive() {
  std::vector<Article> a;
  int n = 0;
  auto add = [&](hw::TimePoint at, int site, const std::string& title) {
    a.push_back({at, site, title + " #" + std::to_string(n++)});
  };
  for (int d = 0; d < 8; d += 2) {
    add(kStart + days(d), d % 2, "Moon hotel plans");
  }
  for (int h = 0; h < 8; ++h) {
    add(kStart + days(9) + hours(h), h % 4, "Moon hotel plans announced");
  }
  add(kStart + days(10), 2, "Moon hotel is only a concept, company says");
  for (int d = 11; d < 14; ++d) {
    add(kStart + days(d), d % 3, "Moon hotel plans repeated");
  }
  for (int h = 0; h < 8; ++h) {
    add(kStart + days(20) + hours(h), h % 4, "Moon hotel plans again");
  }
  return a;
}

std::string feed(const std::vector<Article>& articles, int site) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>site " << site
      << "</title><id>urn:site" << site << "</id><updated>2014-03-01T00:00:00Z</updated>";
  for (const auto& a : articles) {
    if (a.site != site) {
      continue;
    }
    out << "<entry><id>urn:" << hw::format_utc(a.at) << "</id><title>" << a.title
        << "</title><link href=\"https://site" << site << ".example/" << hw::format_utc(a.at)
        << "\"/><published>" << hw::format_utc(a.at) << "</published></entry>";
  }
  out << "</feed>";
  return out.str();
}

// What a user sees, without the record times (which differ between the two ways of polling).
struct Outcome {
  std::vector<std::string> history;
  std::vector<std::string> alerts;
  int spikes = 0;
};

Outcome run(int polls) {
  hw::test::TempDir dir;
  auto store = hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::Fetcher fetcher{hw::feeds::FetchOptions{}};
  hw::rules::Matcher matcher({moon_claim()});
  hw::ManualClock clock{sys_days{2026y / January / 5}};
  std::vector<hw::app::FeedConfig> feeds;
  for (int site = 0; site < 4; ++site) {
    feeds.push_back(
        {"file://" + (dir / ("site" + std::to_string(site) + ".xml")).string(), "", std::nullopt});
  }
  const auto all = archive();
  for (int k = 1; k <= polls; ++k) {
    const std::vector<Article> known(
        all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() * k / polls));
    for (int site = 0; site < 4; ++site) {
      hw::test::write_file(dir / ("site" + std::to_string(site) + ".xml"), feed(known, site));
    }
    hw::app::PollCycle cycle(store, fetcher, matcher, clock);
    cycle.run(feeds);
    clock.advance(hours(1));
  }
  Outcome o;
  for (const auto& e : store.claims().history("moon-hotel")) {
    const auto& c = e.change;
    o.history.push_back(hw::format_utc(c.at) + " " +
                        (c.from ? std::string(hw::to_string(*c.from)) : "-") + "->" +
                        std::string(hw::to_string(c.to)) + " " + c.actor + " " + e.story_title);
  }
  for (const auto& r : store.alerts().list_alerts()) {
    const auto& a = r.alert;
    o.alerts.push_back(hw::format_utc(a.at) + " " + std::string(hw::to_string(a.kind)) + " #" +
                       std::to_string(a.repeat_count) + " " + a.story_title + " " + a.message);
    o.spikes += a.kind == hw::AlertKind::hype_spike ? 1 : 0;
  }
  return o;
}

}  // namespace

TEST_CASE("one poll of a whole archive gives the history, alerts and spikes of ten polls") {
  const Outcome replay = run(1);
  const Outcome live = run(10);
  CHECK(replay.history == live.history);
  CHECK(replay.alerts == live.alerts);
  // Both bursts spiked: the once-a-day limit goes by evidence time, not by the wall clock.
  CHECK(replay.spikes == 2);
  // The claim is tracked from before its first evidence, and ends clarified.
  REQUIRE(replay.history.size() == 3);
  CHECK(replay.history[0] == "2014-03-01T08:00:00Z -->tracked initial ");
  CHECK(replay.history[1].starts_with("2014-03-01T08:00:00Z tracked->reported engine"));
  CHECK(replay.history[2].starts_with("2014-03-11T08:00:00Z reported->clarified engine"));
}

namespace {

// A rumour whose later headlines share words with its first clear report, not with the
// statement; and a story that only echoes one of those later headlines.
std::vector<Article> burger_archive() {
  std::vector<Article> a;
  a.push_back({kStart, 0,
               "Two Australian men kept a McDonald's Quarter Pounder for 20 years: the world's "
               "oldest burger"});
  a.push_back({kStart + days(1), 1, "World's oldest burger pictured in an Adelaide kitchen"});
  a.push_back({kStart + days(2), 2, "Oldest burger in the world still looks fresh"});
  a.push_back({kStart + days(3), 3, "Adelaide kitchen pictured"});
  return a;
}

// Each poll as `hypewatch poll --once` runs it: a new matcher that first learns from what the
// database holds. Returns "title: claims" per stored story, oldest first.
std::vector<std::string> run_statement(int polls) {
  hw::test::TempDir dir;
  auto store = hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::Fetcher fetcher{hw::feeds::FetchOptions{}};
  hw::Claim burger;
  burger.id = "burger";
  burger.statement = "Two Australian men kept a McDonald's Quarter Pounder for 20 years.";
  hw::Claim mars;
  mars.id = "mars";
  mars.statement = "NASA will open a base on Mars in 2030.";
  hw::ManualClock clock{sys_days{2026y / January / 5}};
  std::vector<hw::app::FeedConfig> feeds;
  for (int site = 0; site < 4; ++site) {
    feeds.push_back(
        {"file://" + (dir / ("site" + std::to_string(site) + ".xml")).string(), "", std::nullopt});
  }
  const auto all = burger_archive();
  for (int k = 1; k <= polls; ++k) {
    const std::vector<Article> known(
        all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() * k / polls));
    for (int site = 0; site < 4; ++site) {
      hw::test::write_file(dir / ("site" + std::to_string(site) + ".xml"), feed(known, site));
    }
    hw::rules::Matcher matcher({burger, mars});
    hw::app::learn_from_stored_matches(store, matcher);
    hw::app::PollCycle cycle(store, fetcher, matcher, clock);
    cycle.run(feeds);
    clock.advance(hours(1));
  }
  std::vector<std::string> out;
  for (const auto& s : store.stories().stored_stories(std::nullopt, 100)) {
    std::string line = s.story.title + ":";
    for (const auto& m : store.claims().matches_for_story(s.story_id)) {
      line += " " + m.match.claim_id;
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("learned wording: four separate polls match what one poll of the archive matches") {
  const auto replay = run_statement(1);
  const auto live = run_statement(4);
  CHECK(replay == live);
  REQUIRE(replay.size() == 4);
  CHECK(replay[0].ends_with(": burger"));
  CHECK(replay[1].ends_with(": burger"));  // through the first story's wording
  CHECK(replay[2].ends_with(": burger"));
  CHECK(replay[3] == "Adelaide kitchen pictured:");  // an echo of an echo teaches nothing
}
