// One writer per database (storage/writer_lock.h) and the atomic claim of a queue entry by
// record_evaluation: two evaluators can never record the same revision twice.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "storage/store.h"
#include "storage/writer_lock.h"
#include "support/test_support.h"

using namespace std::chrono;
using Catch::Matchers::Contains;
using hw::storage::OpenMode;
using hw::storage::Store;
using hw::storage::WriterBusy;
using hw::storage::WriterLock;

TEST_CASE("a second writer is refused with the holder's pid, and may go once it is released") {
  hw::test::TempDir dir;
  const auto db = dir / "hw.db";
  {
    WriterLock first(db);
    CHECK(hw::test::read_file(WriterLock::path_for(db)) == std::to_string(::getpid()) + "\n");
    CHECK_THROWS_AS(WriterLock(db), WriterBusy);
    CHECK_THROWS_WITH(WriterLock(db), Contains("is in use by another hypewatch writer (pid " +
                                               std::to_string(::getpid()) + ", lock " +
                                               WriterLock::path_for(db).string()));
  }
  CHECK_NOTHROW(WriterLock(db));  // released with its owner; the file left behind is harmless
}

TEST_CASE("recording an evaluation claims its queue entry: the second evaluator records nothing") {
  // Issue 14: two daemons both evaluated the same queued revisions and wrote 141 duplicate
  // alerts. Here both evaluators read the queue before either records, the worst interleaving.
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  const hw::TimePoint t0 = sys_days{2012y / June / 14} + 9h;
  Store a = Store::open(path, OpenMode::read_write);
  Store b = Store::open(path, OpenMode::read_write);
  hw::Claim claim;
  claim.id = "yemen-hacking";
  claim.statement = "The State Department hacked al-Qaeda websites in Yemen.";
  a.claims().sync_claims({{claim, "def-1"}}, t0);
  const auto feed = a.feeds().ensure_feed("https://news.example/rss");
  hw::Story story;
  story.guid = "urn:1";
  story.title = "Clinton: we hacked al-Qaeda sites";
  story.published = t0;
  const auto up = a.stories().upsert_story(feed, story, t0);

  const auto seen_by_a = a.stories().pending_evaluations();
  const auto seen_by_b = b.stories().pending_evaluations();
  REQUIRE(seen_by_a.size() == 1);
  REQUIRE(seen_by_b.size() == 1);

  auto evaluation = [&] {
    hw::storage::EvaluationWrite w;
    w.story_id = up.story_id;
    w.revision_id = up.revision_id;
    w.at = t0 + 1min;
    hw::Match m;
    m.claim_id = "yemen-hacking";
    m.stance = hw::Stance::supports;
    m.score = 0.9;
    w.matches = {m};
    hw::StatusChange c;
    c.claim_id = "yemen-hacking";
    c.from = hw::ClaimStatus::tracked;
    c.to = hw::ClaimStatus::reported;
    c.at = t0;
    c.actor = "engine";
    w.changes = {c};
    hw::Alert alert;
    alert.kind = hw::AlertKind::status_change;
    alert.claim_id = "yemen-hacking";
    alert.from = hw::ClaimStatus::tracked;
    alert.to = hw::ClaimStatus::reported;
    alert.story_id = up.story_id;
    alert.message = "tracked -> reported";
    w.alerts = {alert};
    return w;
  };
  CHECK(a.claims().record_evaluation(evaluation()));
  CHECK_FALSE(b.claims().record_evaluation(evaluation()));

  CHECK(a.alerts().list_alerts().size() == 1);
  CHECK(a.claims().history("yemen-hacking").size() == 2);  // initial + one change, not two
  CHECK(a.claims().matches_for_claim("yemen-hacking").size() == 1);
  CHECK(a.stories().pending_evaluations().empty());
}
