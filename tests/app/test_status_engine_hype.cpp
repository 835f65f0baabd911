// Hype spikes (docs/status.md, "Hype") through real poll cycles with a manual clock: a burst
// from several sites far above the claim's own baseline raises one hype_spike; small counts,
// one site, or a burst no bigger than the usual traffic do not.
#include <catch2/catch.hpp>

#include <sstream>

#include "app/poll_cycle.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using namespace std::chrono;

namespace {

hw::Claim moon_claim() {
  hw::Claim c;
  c.id = "moon-base";
  c.statement = "A company will build a hotel on the Moon.";
  c.required = {{"moon"}, {"hotel*"}};
  return c;
}

// `count` stories, one every `spacing`, ending at `end`; hosts cycle through `sites`.
std::string feed(int first, int count, hw::TimePoint end, minutes spacing, int sites) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
         "<id>urn:t</id><updated>2014-03-01T00:00:00Z</updated>";
  for (int i = 0; i < count; ++i) {
    const auto at = end - spacing * (count - 1 - i);
    out << "<entry><id>urn:s" << first + i << "</id><title>Moon hotel plans, part " << first + i
        << "</title><link href=\"https://site" << (i % sites) << ".example/" << first + i
        << "\"/><updated>" << hw::format_utc(at) << "</updated></entry>";
  }
  out << "</feed>";
  return out.str();
}

struct Newsroom {
  hw::test::TempDir dir;
  hw::storage::Store store =
      hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_write);
  hw::feeds::Fetcher fetcher{hw::feeds::FetchOptions{}};
  hw::rules::Matcher matcher;
  hw::ManualClock clock{sys_days{2014y / March / 20} + 12h};
  int files = 0;

  explicit Newsroom(hw::Claim claim) : matcher({std::move(claim)}) {}

  std::vector<hw::Alert> poll(const std::string& xml) {
    const auto name = "feed" + std::to_string(files++) + ".xml";
    hw::test::write_file(dir / name, xml);
    hw::app::PollCycle cycle(store, fetcher, matcher, clock);
    std::vector<hw::Alert> hype;
    for (const auto& a :
         cycle.run({{"file://" + (dir / name).string(), "", std::nullopt}}).alerts) {
      if (a.kind == hw::AlertKind::hype_spike) {
        hype.push_back(a);
      }
    }
    return hype;
  }
};

}  // namespace

TEST_CASE("a burst from several sites far above the baseline raises one hype_spike") {
  Newsroom room(moon_claim());
  const auto now = room.clock.now();
  // Quiet week: one story every two days.
  CHECK(room.poll(feed(0, 4, now - hours(30), hours(48), 2)).empty());
  // Burst: 8 stories in 8 hours from 4 sites.
  room.clock.advance(minutes(5));
  const auto hype = room.poll(feed(100, 8, now, hours(1), 4));
  REQUIRE(hype.size() == 1);
  CHECK(hype[0].claim_id == "moon-base");
  CHECK_THAT(hype[0].message, Contains("stories from") && Contains("daily average"));
  // More of the same within 24 hours: no second alert.
  room.clock.advance(hours(2));
  CHECK(room.poll(feed(200, 6, now + hours(2), minutes(10), 3)).empty());
  // A day later the next burst may alert again.
  room.clock.advance(hours(30));
  CHECK(room.poll(feed(300, 12, now + hours(32), minutes(20), 4)).size() == 1);
}

TEST_CASE("no hype_spike for tiny counts, a single site, or usual traffic") {
  const auto start = sys_days{2014y / March / 20} + 12h;
  {
    Newsroom room(moon_claim());
    CHECK(room.poll(feed(0, 4, start, hours(1), 4)).empty());  // 4 < hype_min_mentions (5)
  }
  {
    Newsroom room(moon_claim());
    CHECK(room.poll(feed(0, 9, start, hours(1), 1)).empty());  // one site republishing
  }
  {
    // A busy claim: ~6 stories a day all week; 8 today is not 3x that.
    Newsroom room(moon_claim());
    // (The first of those days is itself a spike over nothing; not what this checks.)
    room.poll(feed(0, 42, start - hours(25), hours(4), 3));
    room.clock.advance(hours(25));
    CHECK(room.poll(feed(100, 8, start, hours(2), 3)).empty());
  }
  {
    // Configurable: a claim that wants alerts from 3 stories at 2x.
    auto claim = moon_claim();
    claim.hype_min_mentions = 3;
    claim.hype_factor = 2.0;
    Newsroom room(claim);
    CHECK(room.poll(feed(0, 3, start, hours(1), 2)).size() == 1);
  }
}
