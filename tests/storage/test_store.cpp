// Store and its aggregates (storage/store.cpp, feed_store, story_store, claim_ledger, alert_store)
// against a real SQLite file.
#include <catch2/catch.hpp>

#include "storage/digest_outbox.h"
#include "storage/sqlite.h"
#include "storage/store.h"
#include "support/test_support.h"

using namespace std::chrono;
using Catch::Matchers::Contains;
using hw::AlertKind;
using hw::ClaimStatus;
using hw::Stance;
using hw::Story;
using hw::TimePoint;
using hw::storage::Database;
using hw::storage::OpenMode;
using hw::storage::StorageError;
using hw::storage::Store;
using hw::storage::UpsertOutcome;

namespace {

const TimePoint t0 = sys_days{2012y / June / 14} + 9h;

Story make_story(std::string guid, std::string title, std::string summary) {
  Story s;
  s.guid = std::move(guid);
  s.link = "https://news.example/" + s.guid;
  s.title = std::move(title);
  s.summary = std::move(summary);
  s.published = t0;
  return s;
}

hw::Claim yemen_claim() {
  hw::Claim c;
  c.id = "yemen-hacking";
  c.statement = "The State Department hacked al-Qaeda websites in Yemen.";
  return c;
}

// A fresh database with one feed and the seed claim.
struct Fixture {
  hw::test::TempDir dir;
  std::filesystem::path path = dir / "hypewatch.db";
  Store store = Store::open(path, OpenMode::read_write);
  std::int64_t feed = store.feeds().ensure_feed("https://news.example/rss");

  Fixture() { store.claims().sync_claims({{yemen_claim(), "def-1"}}, t0); }
};

hw::storage::StatusChange change(ClaimStatus from, ClaimStatus to, TimePoint at) {
  hw::storage::StatusChange c;
  c.claim_id = "yemen-hacking";
  c.from = from;
  c.to = to;
  c.at = at;
  c.actor = "engine";
  c.rule = "required+clarification:'purchase of advertisements'";
  c.evidence_text = "the department bought advertisements";
  return c;
}

hw::Alert status_alert(ClaimStatus from, ClaimStatus to, std::int64_t story_id) {
  hw::Alert a;
  a.kind = AlertKind::status_change;
  a.claim_id = "yemen-hacking";
  a.from = from;
  a.to = to;
  a.story_id = story_id;
  a.message = "yemen-hacking: " + std::string(hw::to_string(from)) + " -> " +
              std::string(hw::to_string(to));
  return a;
}

hw::Match match(Stance stance, double score) {
  hw::Match m;
  m.claim_id = "yemen-hacking";
  m.stance = stance;
  m.score = score;
  m.evidence = "Clinton said the State Department hacked websites";
  m.rule = "required";
  return m;
}

}  // namespace

TEST_CASE("feeds: ensure_feed is idempotent per URL") {
  Fixture f;
  CHECK(f.store.feeds().ensure_feed("https://news.example/rss") == f.feed);
  const auto other = f.store.feeds().ensure_feed("https://other.example/atom");
  CHECK(other != f.feed);
  const auto feeds = f.store.feeds().list_feeds();
  REQUIRE(feeds.size() == 2);
  CHECK(feeds[0].url == "https://news.example/rss");
  CHECK(feeds[0].enabled);
  CHECK(feeds[0].error_count == 0);
  CHECK_FALSE(feeds[0].last_polled_at);
}

TEST_CASE("feeds: fetch success, 304 and failures are recorded") {
  Fixture f;
  hw::storage::FetchSuccess ok{200, "\"abc\"", "Thu, 14 Jun 2012 09:00:00 GMT", "deadbeef", "News"};
  f.store.feeds().record_fetch_success(f.feed, ok, t0);
  auto rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.etag == "\"abc\"");
  CHECK(rec.last_modified == "Thu, 14 Jun 2012 09:00:00 GMT");
  CHECK(rec.body_hash == "deadbeef");
  CHECK(rec.title == "News");
  CHECK(rec.last_http_status == 200);
  CHECK(rec.last_success_at == t0);

  f.store.feeds().record_fetch_failure(f.feed, 503, "HTTP 503", t0 + 1h);
  f.store.feeds().record_fetch_failure(f.feed, 0, "connect timeout", t0 + 2h);
  rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.error_count == 2);
  CHECK(rec.last_error == "connect timeout");
  CHECK(rec.last_http_status == 0);
  CHECK(rec.last_polled_at == t0 + 2h);
  CHECK(rec.last_success_at == t0);
  CHECK(rec.etag == "\"abc\"");  // validators survive failures

  f.store.feeds().record_not_modified(f.feed, 304, t0 + 3h);
  rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.error_count == 0);
  CHECK(rec.last_error.empty());
  CHECK(rec.last_http_status == 304);
  CHECK(rec.last_success_at == t0 + 3h);
  CHECK(rec.etag == "\"abc\"");

  f.store.feeds().set_next_poll_at(f.feed, t0 + 4h);
  f.store.feeds().set_feed_enabled(f.feed, false, "removed from config");
  rec = f.store.feeds().feed(f.feed).value();
  CHECK(rec.next_poll_at == t0 + 4h);
  CHECK_FALSE(rec.enabled);
  CHECK(rec.disabled_reason == "removed from config");

  CHECK_FALSE(f.store.feeds().feed(999));
  CHECK_THROWS_WITH(f.store.feeds().record_fetch_failure(999, 500, "x", t0),
                    Contains("record fetch failure feed=999") && Contains("does not exist"));
}

TEST_CASE("stories: the same guid twice is one story") {
  Fixture f;
  const Story s = make_story("urn:1", "Clinton: we hacked al-Qaeda sites", "Yemen sites hacked");
  const auto first = f.store.stories().upsert_story(f.feed, s, t0);
  CHECK(first.outcome == UpsertOutcome::inserted);
  CHECK(first.revision == 1);
  const auto second = f.store.stories().upsert_story(f.feed, s, t0 + 1h);
  CHECK(second.outcome == UpsertOutcome::unchanged);
  CHECK(second.story_id == first.story_id);
  CHECK(second.revision_id == first.revision_id);
  CHECK(f.store.counts().stories == 1);
  CHECK(f.store.counts().revisions == 1);
  CHECK(f.store.feeds().feed(f.feed)->stories == 1);

  // The same guid in another feed is another story.
  const auto other = f.store.feeds().ensure_feed("https://other.example/rss");
  CHECK(f.store.stories().upsert_story(other, s, t0).outcome == UpsertOutcome::inserted);
  CHECK(f.store.counts().stories == 2);
}

TEST_CASE("stories: a changed summary is revision 2, unchanged text adds nothing") {
  Fixture f;
  Story s = make_story("urn:1", "Clinton: we hacked al-Qaeda sites", "Yemen sites hacked");
  const auto v1 = f.store.stories().upsert_story(f.feed, s, t0);

  s.summary = "Correction: the department bought advertisements on the sites";
  s.updated = t0 + 5h;
  const auto v2 = f.store.stories().upsert_story(f.feed, s, t0 + 6h);
  CHECK(v2.outcome == UpsertOutcome::revised);
  CHECK(v2.story_id == v1.story_id);
  CHECK(v2.revision == 2);
  CHECK(v2.revision_id != v1.revision_id);
  CHECK(f.store.stories().story(v1.story_id)->summary == s.summary);
  CHECK(f.store.stories().story(v1.story_id)->updated == t0 + 5h);

  const auto again = f.store.stories().upsert_story(f.feed, s, t0 + 7h);
  CHECK(again.outcome == UpsertOutcome::unchanged);
  CHECK(again.revision == 2);
  CHECK(again.revision_id == v2.revision_id);
  CHECK(f.store.counts().revisions == 2);

  // Only the current revision is searchable.
  const auto hits = f.store.stories().search_stories("advertisements").value();
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].story_id == v1.story_id);
  CHECK(hits[0].revision_id == v2.revision_id);
  CHECK(hits[0].feed_url == "https://news.example/rss");
  CHECK_THAT(hits[0].snippet, Contains("[advertisements]"));
  CHECK(f.store.stories().search_stories("hacked").value().size() == 1);  // title still says so
  CHECK(f.store.stories().search_stories("\"Yemen sites hacked\"").value().empty());
}

TEST_CASE("stories: new dates on unchanged text update the story without a revision") {
  Fixture f;
  Story s = make_story("urn:1", "Title", "Body");
  const auto v1 = f.store.stories().upsert_story(f.feed, s, t0);
  s.updated = t0 + 1h;
  const auto r = f.store.stories().upsert_story(f.feed, s, t0 + 2h);
  CHECK(r.outcome == UpsertOutcome::unchanged);
  CHECK(r.revision_id == v1.revision_id);
  CHECK(f.store.stories().story(v1.story_id)->updated == t0 + 1h);
  CHECK(f.store.counts().revisions == 1);
}

TEST_CASE("stories: without a guid the link, else title and date, is the key") {
  Fixture f;
  Story by_link = make_story("", "Title A", "Body");
  by_link.link = "https://news.example/a";
  const auto a1 = f.store.stories().upsert_story(f.feed, by_link, t0);
  by_link.summary = "Body, corrected";
  const auto a2 = f.store.stories().upsert_story(f.feed, by_link, t0 + 1h);
  CHECK(a2.story_id == a1.story_id);
  CHECK(a2.outcome == UpsertOutcome::revised);

  Story bare = make_story("", "Title B", "Body");
  bare.link.clear();
  const auto b1 = f.store.stories().upsert_story(f.feed, bare, t0);
  CHECK(b1.story_id != a1.story_id);
  CHECK(f.store.stories().upsert_story(f.feed, bare, t0 + 1h).outcome == UpsertOutcome::unchanged);
  CHECK(f.store.counts().stories == 2);

  Database db(f.path, Database::Access::read_only);
  auto st = db.prepare("SELECT story_key FROM stories ORDER BY id");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "link:https://news.example/a");
  REQUIRE(st.step());
  CHECK_THAT(st.column_text(0), Catch::Matchers::StartsWith("hash:"));
}

TEST_CASE("stories: errors name the operation, the database and SQLite's reason") {
  Fixture f;
  CHECK_THROWS_WITH(f.store.stories().upsert_story(4242, make_story("urn:x", "t", "s"), t0),
                    Contains("upsert story feed=4242 key=urn:x") &&
                        Contains("database " + f.path.string()) &&
                        Contains("FOREIGN KEY constraint failed"));
  CHECK(f.store.counts().stories == 0);
}

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

TEST_CASE("the documented views answer the questions docs/schema.md shows") {
  Fixture f;
  const auto s =
      f.store.stories().upsert_story(f.feed, make_story("urn:1", "Ads, not hacking", "s"), t0);
  hw::storage::EvaluationWrite w;
  w.story_id = s.story_id;
  w.revision_id = s.revision_id;
  w.matches = {match(Stance::clarifies, 0.9)};
  w.changes = {change(ClaimStatus::tracked, ClaimStatus::clarified, t0)};
  w.at = t0;
  f.store.claims().record_evaluation(w);

  Database db(f.path, Database::Access::read_only);
  auto claims = db.prepare("SELECT id, status, matches, changes FROM v_claims");
  REQUIRE(claims.step());
  CHECK(claims.column_text(1) == "clarified");
  CHECK(claims.column_int(2) == 1);
  CHECK(claims.column_int(3) == 2);

  auto week = db.prepare(
      "SELECT claim_id, to_status, story_title, feed_url FROM v_history "
      "WHERE at >= ?1 AND actor <> 'initial' ORDER BY at");
  week.bind(1, t0 - days(7));
  REQUIRE(week.step());
  CHECK(week.column_text(2) == "Ads, not hacking");
  CHECK(week.column_text(3) == "https://news.example/rss");

  auto health = db.prepare("SELECT url, stories, error_count FROM v_feeds");
  REQUIRE(health.step());
  CHECK(health.column_int(1) == 1);

  auto fts = db.prepare(
      "SELECT v.title FROM stories_fts JOIN v_stories v ON v.id = "
      "(SELECT story_id FROM story_revisions WHERE id = stories_fts.rowid) "
      "WHERE stories_fts MATCH 'hacking'");
  REQUIRE(fts.step());
  CHECK(fts.column_text(0) == "Ads, not hacking");
}

TEST_CASE("the full-text index stays consistent with current revisions") {
  Fixture f;
  Story s = make_story("urn:1", "Hacked", "first text");
  f.store.stories().upsert_story(f.feed, s, t0);
  s.summary = "second text";
  f.store.stories().upsert_story(f.feed, s, t0 + 1h);
  f.store.stories().upsert_story(f.feed, make_story("urn:2", "Other", "more"), t0);

  Database db(f.path, Database::Access::read_write);
  // FTS5 compares its index with the content view: only current revisions may be indexed.
  CHECK_NOTHROW(db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')"));
  CHECK_NOTHROW(db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('rebuild')"));
  CHECK(f.store.stories().search_stories("first").value().empty());
  CHECK(f.store.stories().search_stories("second").value().size() == 1);
  CHECK(f.store.stories().search_stories("text OR more").value().size() == 2);
}

TEST_CASE("every new revision waits for evaluation until record_evaluation takes it") {
  Fixture f;
  Story late = make_story("urn:late", "Later story", "text");
  late.published = t0 + 1h;
  Story early = make_story("urn:early", "Earlier story", "text");
  early.published = t0 - 1h;
  const auto l = f.store.stories().upsert_story(f.feed, late, t0 + 2h);
  const auto e = f.store.stories().upsert_story(f.feed, early, t0 + 2h);

  auto pending = f.store.stories().pending_evaluations();
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].story_id == e.story_id);  // oldest evidence first
  CHECK(pending[0].story.title == "Earlier story");
  CHECK(pending[0].story.published == t0 - 1h);
  CHECK(pending[1].revision_id == l.revision_id);

  // Unchanged stories are not queued again.
  f.store.stories().upsert_story(f.feed, late, t0 + 3h);
  CHECK(f.store.stories().pending_evaluations().size() == 2);

  // An evaluation that matched nothing still counts as done.
  hw::storage::EvaluationWrite w;
  w.story_id = e.story_id;
  w.revision_id = e.revision_id;
  w.at = t0 + 3h;
  f.store.claims().record_evaluation(w);
  pending = f.store.stories().pending_evaluations();
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].story_id == l.story_id);

  // A failed evaluation leaves the revision queued.
  w.story_id = l.story_id;
  w.revision_id = l.revision_id;
  auto ghost = change(ClaimStatus::tracked, ClaimStatus::reported, t0);
  ghost.claim_id = "ghost";
  w.changes = {ghost};
  CHECK_THROWS_AS(f.store.claims().record_evaluation(w), StorageError);
  CHECK(f.store.stories().pending_evaluations().size() == 1);

  // A revised story is queued again with its new text.
  early.summary = "corrected text";
  const auto e2 = f.store.stories().upsert_story(f.feed, early, t0 + 4h);
  pending = f.store.stories().pending_evaluations();
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].revision_id == e2.revision_id);
  CHECK(pending[0].revision == 2);
  CHECK(pending[0].story.summary == "corrected text");
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

TEST_CASE("stories: a feed's batch stores each item as upsert_story would, in one go") {
  const Story a = make_story("urn:a", "A", "first");
  const Story b = make_story("urn:b", "B", "second");
  Story b2 = b;
  b2.summary = "second, corrected";  // a new revision
  Story a2 = a;
  a2.updated = t0 + 1h;  // same text, new date: the row is refreshed, nothing re-queued
  const std::vector<std::vector<Story>> polls = {{a, b, a}, {a2, b2}, {a2, b2}, {}};

  Fixture batched;
  Fixture single;
  for (std::size_t p = 0; p < polls.size(); ++p) {
    const TimePoint at = t0 + hours(2 * p);
    const auto results = batched.store.stories().upsert_stories(batched.feed, polls[p], at);
    REQUIRE(results.size() == polls[p].size());
    for (std::size_t i = 0; i < polls[p].size(); ++i) {
      const auto expected = single.store.stories().upsert_story(single.feed, polls[p][i], at);
      INFO("poll " << p << " item " << i);
      CHECK(results[i].outcome == expected.outcome);
      CHECK(results[i].story_id == expected.story_id);
      CHECK(results[i].revision_id == expected.revision_id);
      CHECK(results[i].revision == expected.revision);
    }
    CHECK(batched.store.counts().stories == single.store.counts().stories);
    CHECK(batched.store.counts().revisions == single.store.counts().revisions);
    CHECK(batched.store.stories().pending_evaluations().size() ==
          single.store.stories().pending_evaluations().size());
  }
  // The item repeated in one document is one story; the edit is revision 2.
  const auto first = batched.store.stories().upsert_stories(batched.feed, {a2, b2}, t0 + 9h);
  CHECK(first[0].outcome == UpsertOutcome::unchanged);
  CHECK(first[1].revision == 2);
  CHECK(batched.store.counts().stories == 2);
  CHECK(batched.store.counts().revisions == 3);
  CHECK(batched.store.stories().pending_evaluations().size() == 3);
  CHECK(batched.store.stories().story(first[0].story_id)->updated == t0 + 1h);
  CHECK(batched.store.stories().story(first[1].story_id)->summary == "second, corrected");
}

TEST_CASE("stories: a failure rolls back that feed's whole batch, and only it") {
  Fixture f;
  const auto kept =
      f.store.stories().upsert_stories(f.feed, {make_story("urn:kept", "Kept", "s")}, t0);
  {
    Database db(f.path, Database::Access::read_write);
    db.exec(
        "CREATE TRIGGER test_refuse_bad BEFORE INSERT ON stories WHEN NEW.guid = 'urn:bad' "
        "BEGIN SELECT RAISE(ABORT, 'bad story refused'); END");
  }
  const std::vector<Story> batch = {make_story("urn:kept", "Kept", "s, revised"),
                                    make_story("urn:new", "New", "s"),
                                    make_story("urn:bad", "Bad", "s")};
  CHECK_THROWS_WITH(f.store.stories().upsert_stories(f.feed, batch, t0 + 1h),
                    Contains("upsert story feed=" + std::to_string(f.feed) + " key=urn:bad") &&
                        Contains("bad story refused"));
  // Nothing of the batch stayed: no new story, no revision, nothing queued.
  CHECK(f.store.counts().stories == 1);
  CHECK(f.store.counts().revisions == 1);
  CHECK(f.store.stories().pending_evaluations().size() == 1);
  CHECK(f.store.stories().story(kept[0].story_id)->summary == "s");

  // The store is usable at once: another feed's batch and the same batch without the bad item.
  const auto other = f.store.feeds().ensure_feed("https://other.example/rss");
  CHECK(f.store.stories()
            .upsert_stories(other, {make_story("urn:x", "X", "s")}, t0 + 2h)[0]
            .outcome == UpsertOutcome::inserted);
  const auto again = f.store.stories().upsert_stories(f.feed, {batch[0], batch[1]}, t0 + 2h);
  CHECK(again[0].outcome == UpsertOutcome::revised);
  CHECK(again[1].outcome == UpsertOutcome::inserted);
  CHECK(f.store.counts().stories == 3);
  CHECK(f.store.stories().pending_evaluations().size() == 4);

  // An unknown feed fails with the same context as upsert_story.
  CHECK_THROWS_WITH(
      f.store.stories().upsert_stories(4242, {make_story("urn:y", "t", "s")}, t0),
      Contains("upsert story feed=4242 key=urn:y") && Contains("FOREIGN KEY constraint failed"));
}
