// Store (storage/store.cpp): the database it opens, as the documented views show it.
#include "store_fixture.h"

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
