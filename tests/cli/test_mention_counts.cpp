// One mention count (storage/mention_counts.h) behind hype detection (the claim snapshot), the
// 24H/7D/TREND columns of `hypewatch claims` (cli/claim_activity) and the digest's chart
// (DigestOutbox::mentions): on one dataset, with stories on every window boundary, all three
// read the same numbers.
#include <catch2/catch.hpp>

#include <numeric>

#include "cli/claim_activity.h"
#include "storage/digest_outbox.h"
#include "storage/store.h"
#include "support/test_support.h"

using namespace std::chrono;
using hw::Story;
using hw::TimePoint;
using hw::storage::OpenMode;
using hw::storage::Store;

namespace {

// The end of the last window: 23:59:59, so the rolling 24-hour windows of hype and TREND are
// the digest's UTC days.
const TimePoint end_of_day = sys_days{2026y / November / 30} + 23h + 59min + 59s;

hw::Claim claim(std::string id) {
  hw::Claim c;
  c.id = std::move(id);
  c.statement = "Claim " + c.id + ".";
  return c;
}

struct Dataset {
  hw::test::TempDir dir;
  Store store = Store::open(dir / "hypewatch.db", OpenMode::read_write);
  std::int64_t feed = store.feeds().ensure_feed("https://news.example/rss");
  int next = 0;

  Dataset() {
    store.claims().sync_claims({{claim("counted"), "d1"}, {claim("other"), "d2"}},
                               end_of_day - days(30));
  }

  // A story published at `at` that matches `claim_id`; `revisions` > 1 stores edited texts,
  // each matched again (one story still).
  std::int64_t mention(TimePoint at, const std::string& claim_id = "counted", int revisions = 1) {
    Story s;
    s.guid = "urn:" + std::to_string(++next);
    s.link = "https://news.example/" + s.guid;
    s.published = at;
    std::int64_t story_id = 0;
    for (int r = 1; r <= revisions; ++r) {
      s.title = "Story " + s.guid + " revision " + std::to_string(r);
      const auto up = store.stories().upsert_story(feed, s, at + hours(r));
      hw::storage::EvaluationWrite w;
      w.story_id = up.story_id;
      w.revision_id = up.revision_id;
      hw::Match m;
      m.claim_id = claim_id;
      m.stance = hw::Stance::supports;
      m.score = 0.9;
      w.matches = {m};
      w.site = "news.example";
      w.evidence_at = at;
      w.at = at + hours(r);
      REQUIRE(store.claims().record_evaluation(w));
      story_id = up.story_id;
    }
    return story_id;
  }
};

}  // namespace

TEST_CASE("hype, TREND and the digest chart count the same mentions") {
  Dataset d;
  const TimePoint last_day = sys_days{2026y / November / 30};
  const auto newest = d.mention(end_of_day);  // the end itself: in the last window
  d.mention(last_day);                        // midnight opens the last day
  d.mention(last_day - 1s);                   // 23:59:59 closes the day before
  d.mention(last_day - 12h, "counted", 2);    // two revisions, one story
  d.mention(last_day - days(3) + 8h);
  d.mention(last_day - days(7));       // the first of 8 days
  d.mention(last_day - days(7) - 1s);  // just before the 8 days
  d.mention(end_of_day + 1s);          // after the end
  d.mention(last_day - 2h, "other");   // another claim

  // The digest: per UTC day, 23 .. 30 November.
  const auto series =
      hw::storage::DigestOutbox(d.store.database()).mentions({"counted"}, 8, end_of_day);
  REQUIRE(series.size() == 1);
  const std::vector<int> per_day = series[0].per_day;
  CHECK(per_day == std::vector<int>{1, 0, 0, 0, 1, 0, 2, 2});

  // Hype: the last 24 hours and the 7 days before them.
  const auto snap = d.store.claims().claim_snapshot("counted", 0, end_of_day);
  CHECK(snap.window_stories == per_day.back());
  CHECK(snap.baseline_stories == std::accumulate(per_day.begin(), per_day.end() - 1, 0));
  // The story being judged is left out of its own snapshot.
  CHECK(d.store.claims().claim_snapshot("counted", newest, end_of_day).window_stories ==
        per_day.back() - 1);

  // TREND: the last 24 hours and the last 7 days.
  const auto activity = hw::cli::claim_activity(d.store, "counted", end_of_day);
  CHECK(activity.day == per_day.back());
  CHECK(activity.week == std::accumulate(per_day.begin() + 1, per_day.end(), 0));
  CHECK(activity.trend == "up");  // 2 against a daily average of 0.5
}

TEST_CASE("the mention count's windows are right-closed and count a story once") {
  Dataset d;
  d.mention(end_of_day - hours(24));       // on the boundary: the earlier window
  d.mention(end_of_day - hours(24) + 1s);  // just after it: the later one
  d.mention(end_of_day - hours(30), "counted", 3);
  CHECK(d.store.claims().mention_counts("counted", {end_of_day, hours(24), 2}) ==
        std::vector<int>{2, 1});
  CHECK(d.store.claims().mention_counts("counted", {end_of_day, hours(24), 0}).empty());
  CHECK(d.store.claims().mention_counts("nobody", {end_of_day, hours(24), 3}) ==
        std::vector<int>{0, 0, 0});
}
