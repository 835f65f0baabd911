// ClaimLedger (storage/claim_ledger.cpp): claims, history, matches and alerts written together.
#include "store_fixture.h"

TEST_CASE("claims: sync creates with an initial history entry and keeps status later") {
  Fixture f;
  auto c = f.store.claims().claim("yemen-hacking").value();
  CHECK(c.status == ClaimStatus::tracked);
  CHECK(c.since == t0);
  auto h = f.store.claims().history("yemen-hacking");
  REQUIRE(h.size() == 1);
  CHECK(h[0].seq == 1);
  CHECK(h[0].change.actor == "initial");
  CHECK_FALSE(h[0].change.from);
  CHECK(h[0].change.to == ClaimStatus::tracked);

  hw::storage::EvaluationWrite w;
  w.changes = {change(ClaimStatus::tracked, ClaimStatus::reported, t0 + 1h)};
  w.at = t0 + 1h;
  f.store.claims().record_evaluation(w);

  hw::Claim edited = yemen_claim();
  edited.statement = "The State Department hacked websites in Yemen.";
  edited.initial_status = ClaimStatus::disputed;  // ignored for a known claim
  hw::Claim fresh;
  fresh.id = "new-claim";
  fresh.statement = "Something else.";
  fresh.initial_status = ClaimStatus::reported;
  const auto sync = f.store.claims().sync_claims({{edited, "def-2"}, {fresh, "def-3"}}, t0 + 2h);
  // Both need evaluating against the stored stories: one changed, one is new.
  CHECK(sync.to_scan == std::vector<std::string>{"yemen-hacking", "new-claim"});
  CHECK(sync.retired.empty());

  c = f.store.claims().claim("yemen-hacking").value();
  CHECK(c.status == ClaimStatus::reported);
  CHECK(c.since == t0 + 1h);
  CHECK(c.statement == edited.statement);
  CHECK(f.store.claims().history("yemen-hacking").size() == 2);
  CHECK(f.store.claims().claim("new-claim")->status == ClaimStatus::reported);
  CHECK(f.store.claims().history("new-claim").size() == 1);
  CHECK(f.store.claims().list_claims().size() == 2);
  CHECK_FALSE(f.store.claims().claim("nope"));
}

TEST_CASE("record_evaluation writes matches, history, status and alerts together") {
  Fixture f;
  const auto s = f.store.stories().upsert_story(
      f.feed, make_story("urn:1", "Clarification: ads, not hacking", "bought advertisements"), t0);

  hw::storage::EvaluationWrite w;
  w.story_id = s.story_id;
  w.revision_id = s.revision_id;
  w.matches = {match(Stance::clarifies, 0.9)};
  w.changes = {change(ClaimStatus::tracked, ClaimStatus::clarified, t0)};
  w.alerts = {status_alert(ClaimStatus::tracked, ClaimStatus::clarified, s.story_id)};
  w.at = t0 + 10min;
  f.store.claims().record_evaluation(w);

  const auto c = f.store.claims().claim("yemen-hacking").value();
  CHECK(c.status == ClaimStatus::clarified);
  CHECK(c.since == t0);
  CHECK(c.matches == 1);

  const auto h = f.store.claims().history("yemen-hacking");
  REQUIRE(h.size() == 2);
  CHECK(h[1].seq == 2);
  CHECK(h[1].change.from == ClaimStatus::tracked);
  CHECK(h[1].change.to == ClaimStatus::clarified);
  CHECK(h[1].change.recorded_at == t0 + 10min);
  CHECK(h[1].change.story_id == s.story_id);  // taken from the evaluation
  CHECK(h[1].change.revision_id == s.revision_id);
  CHECK(h[1].story_title == "Clarification: ads, not hacking");
  CHECK(h[1].story_link == "https://news.example/urn:1");
  CHECK(h[1].feed_url == "https://news.example/rss");

  const auto m = f.store.claims().matches_for_claim("yemen-hacking");
  REQUIRE(m.size() == 1);
  CHECK(m[0].match.stance == Stance::clarifies);
  CHECK(m[0].match.score == Approx(0.9));
  CHECK(m[0].matched_at == t0 + 10min);
  CHECK(f.store.claims().matches_for_story(s.story_id).size() == 1);

  const auto alerts = f.store.alerts().list_alerts();
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].alert.to == ClaimStatus::clarified);
  CHECK(alerts[0].alert.from == ClaimStatus::tracked);
  CHECK(alerts[0].alert.story_title == "Clarification: ads, not hacking");
  CHECK(alerts[0].alert.created_at == t0 + 10min);

  // Evaluating the same revision again does not duplicate its match.
  hw::storage::EvaluationWrite again = w;
  again.changes.clear();
  again.alerts.clear();
  again.matches = {match(Stance::supports, 0.1)};
  f.store.claims().record_evaluation(again);
  const auto kept = f.store.claims().matches_for_claim("yemen-hacking");
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].match.stance == Stance::clarifies);
}

TEST_CASE("record_evaluation is all or nothing") {
  Fixture f;
  const auto s = f.store.stories().upsert_story(f.feed, make_story("urn:1", "t", "s"), t0);
  const auto before = f.store.counts();

  hw::storage::EvaluationWrite w;
  w.story_id = s.story_id;
  w.revision_id = s.revision_id;
  w.matches = {match(Stance::clarifies, 0.9)};
  w.changes = {change(ClaimStatus::tracked, ClaimStatus::clarified, t0)};
  // The alert is written last and fails on a real constraint: its claim does not exist.
  hw::Alert bad = status_alert(ClaimStatus::tracked, ClaimStatus::clarified, s.story_id);
  bad.claim_id = "no-such-claim";
  w.alerts = {bad};
  w.at = t0;

  CHECK_THROWS_WITH(
      f.store.claims().record_evaluation(w),
      Contains("record evaluation story=") && Contains("FOREIGN KEY constraint failed"));
  const auto after = f.store.counts();
  CHECK(after.history == before.history);
  CHECK(after.matches == before.matches);
  CHECK(after.alerts == before.alerts);
  CHECK(f.store.claims().claim("yemen-hacking")->status == ClaimStatus::tracked);

  // The connection is usable afterwards (no transaction left open).
  w.alerts = {status_alert(ClaimStatus::tracked, ClaimStatus::clarified, s.story_id)};
  f.store.claims().record_evaluation(w);
  CHECK(f.store.counts().alerts == 1);
  CHECK(f.store.claims().claim("yemen-hacking")->status == ClaimStatus::clarified);
}

TEST_CASE("a status change for an unknown claim is refused") {
  Fixture f;
  hw::storage::EvaluationWrite w;
  auto c = change(ClaimStatus::tracked, ClaimStatus::reported, t0);
  c.claim_id = "ghost";
  w.changes = {c};
  w.at = t0;
  CHECK_THROWS_WITH(f.store.claims().record_evaluation(w),
                    Contains("FOREIGN KEY constraint failed"));
  CHECK(f.store.counts().history == 1);
}

TEST_CASE("claim_status_history is append-only, enforced by the database") {
  Fixture f;
  f.store.stories().upsert_story(f.feed, make_story("urn:1", "t", "s"), t0);
  Database db(f.path, Database::Access::read_write);
  CHECK_THROWS_WITH(db.exec("UPDATE claim_status_history SET to_status = 'confirmed'"),
                    Contains("claim_status_history is append-only: UPDATE refused"));
  CHECK_THROWS_WITH(db.exec("DELETE FROM claim_status_history"),
                    Contains("claim_status_history is append-only: DELETE refused"));
  CHECK_THROWS_WITH(db.exec("UPDATE story_revisions SET title = 'x'"), Contains("immutable"));
  CHECK(f.store.claims().history("yemen-hacking").size() == 1);
}

TEST_CASE("repeat alerts: one per story, counted since the last status change") {
  Fixture f;
  const auto s1 = f.store.stories().upsert_story(f.feed, make_story("urn:1", "t1", "s"), t0);
  const auto s2 = f.store.stories().upsert_story(f.feed, make_story("urn:2", "t2", "s"), t0);

  // Every status change raises a status_change alert in the same write (engine and manual).
  auto change_with_alert = [&](ClaimStatus from, ClaimStatus to, TimePoint at) {
    hw::storage::EvaluationWrite w;
    w.changes = {change(from, to, at)};
    w.alerts = {status_alert(from, to, 0)};
    w.at = at;
    f.store.claims().record_evaluation(w);
  };
  auto snapshot = [&](std::int64_t story_id) {
    return f.store.claims().claim_snapshot("yemen-hacking", story_id, t0 + 5h);
  };
  change_with_alert(ClaimStatus::tracked, ClaimStatus::clarified, t0 + 1h);
  CHECK(snapshot(s1.story_id).repeats_since_change == 0);

  auto repeat_of = [&](std::int64_t story_id, TimePoint at) {
    hw::storage::EvaluationWrite w;
    hw::Alert a;
    a.kind = AlertKind::repeated_after_clarification;
    a.claim_id = "yemen-hacking";
    a.to = ClaimStatus::clarified;
    a.story_id = story_id;
    a.message = "repeat";
    w.alerts = {a};
    w.at = at;
    f.store.claims().record_evaluation(w);
  };
  CHECK_FALSE(snapshot(s1.story_id).story_raised_repeat);
  repeat_of(s1.story_id, t0 + 2h);
  repeat_of(s2.story_id, t0 + 3h);
  CHECK(snapshot(s1.story_id).story_raised_repeat);
  CHECK(snapshot(s2.story_id).repeats_since_change == 2);

  change_with_alert(ClaimStatus::clarified, ClaimStatus::retracted, t0 + 4h);
  CHECK(snapshot(s2.story_id).repeats_since_change == 0);
  CHECK(snapshot(s2.story_id).status == ClaimStatus::retracted);
}
