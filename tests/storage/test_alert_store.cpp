// AlertStore (storage/alert_store.cpp) and the digest outbox over the same connection.
#include "store_fixture.h"

TEST_CASE("alerts: listing, undelivered, delivery and counting") {
  Fixture f;
  const auto s = f.store.stories().upsert_story(f.feed, make_story("urn:1", "t", "s"), t0);
  hw::storage::EvaluationWrite w;
  w.story_id = s.story_id;
  w.revision_id = s.revision_id;
  w.at = t0;
  w.alerts = {status_alert(ClaimStatus::tracked, ClaimStatus::reported, s.story_id)};
  hw::Alert repeat;
  repeat.kind = AlertKind::repeated_after_clarification;
  repeat.claim_id = "yemen-hacking";
  repeat.to = ClaimStatus::clarified;
  repeat.repeat_count = 3;
  repeat.message = "repeated after clarification";
  repeat.created_at = t0 + 1h;
  w.alerts.push_back(repeat);
  hw::Alert manual;  // no story, no claim: stored as NULLs
  manual.message = "operator note";
  w.alerts.push_back(manual);
  f.store.claims().record_evaluation(w);

  auto all = f.store.alerts().list_alerts();
  REQUIRE(all.size() == 3);
  CHECK(all[0].id < all[1].id);
  CHECK(all[1].alert.kind == AlertKind::repeated_after_clarification);
  CHECK(all[1].alert.repeat_count == 3);
  CHECK_FALSE(all[1].alert.from);
  CHECK(all[2].alert.story_id == 0);
  CHECK(all[2].alert.claim_id.empty());

  // Without an evidence time, an alert is dated when it was raised; none is backfill.
  CHECK(all[1].alert.at == t0 + 1h);
  CHECK_FALSE(all[1].alert.backfill);

  // Delivery goes through the outbox: a failure is counted and kept on every alert of the
  // digest; acceptance stamps them all; an alert raised meanwhile waits for the next digest.
  hw::storage::DigestOutbox outbox(f.store.database());
  const auto digest = outbox.create("test.example", t0 + 1h);
  REQUIRE(digest);
  CHECK(digest->alerts.size() == 3);
  CHECK_FALSE(outbox.create("test.example", t0 + 1h));  // nothing left to freeze
  outbox.record_failure(digest->id, "smtp: connection refused", t0 + 90min);
  auto pending = f.store.alerts().list_alerts(true);
  REQUIRE(pending.size() == 3);
  CHECK(pending[0].delivery_attempts == 1);
  CHECK(pending[0].last_delivery_error == "smtp: connection refused");
  const auto retry = outbox.pending();
  REQUIRE(retry);
  CHECK(retry->message_id == digest->message_id);
  CHECK(retry->attempts == 1);
  CHECK(retry->next_attempt_at == t0 + 90min);

  hw::storage::EvaluationWrite later;
  later.at = t0 + 100min;
  hw::Alert note;
  note.message = "raised while the digest was pending";
  later.alerts.push_back(note);
  f.store.claims().record_evaluation(later);

  outbox.mark_sent(digest->id, t0 + 2h);
  pending = f.store.alerts().list_alerts(true);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].alert.message == "raised while the digest was pending");
  all = f.store.alerts().list_alerts();
  CHECK(all[0].delivered_at == t0 + 2h);
  CHECK(all[0].delivery_attempts == 2);
  CHECK(all[0].last_delivery_error.empty());
  CHECK_FALSE(outbox.pending());

  // Marking twice does not move the delivery time.
  outbox.mark_sent(digest->id, t0 + 5h);
  CHECK(f.store.alerts().list_alerts()[0].delivered_at == t0 + 2h);
}
