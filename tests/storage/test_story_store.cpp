// StoryStore (storage/story_store.cpp): dedup, revisions, the evaluation queue, batches, the
// full-text index.
#include "store_fixture.h"

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

TEST_CASE("a feed's stories are indexed together, a story revised twice in one write once") {
  Fixture f;
  // The same item three times in one feed document: three revisions in one savepoint, and the
  // index must end up holding only the last (schema v8 queues the moves, fts_queue.h).
  Story a = make_story("urn:1", "Hacked", "first text");
  Story b = a;
  b.summary = "second text";
  Story c = a;
  c.summary = "third text";
  f.store.stories().upsert_stories(f.feed, {a, make_story("urn:2", "Other", "more"), b, c}, t0);
  Database db(f.path, Database::Access::read_write);
  CHECK_NOTHROW(db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')"));
  {
    auto queued = db.prepare("SELECT count(*) FROM stories_fts_pending");
    REQUIRE(queued.step());
    CHECK(queued.column_int(0) == 0);
  }  // ends its read transaction before the store writes again
  CHECK(f.store.stories().search_stories("first OR second").value().empty());
  CHECK(f.store.stories().search_stories("third").value().size() == 1);
  CHECK(f.store.stories().search_stories("text OR more").value().size() == 2);
  // A later feed write moves the entry again.
  Story d = a;
  d.summary = "fourth text";
  f.store.stories().upsert_stories(f.feed, {d}, t0 + 1h);
  CHECK_NOTHROW(db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')"));
  CHECK(f.store.stories().search_stories("third").value().empty());
  CHECK(f.store.stories().search_stories("fourth").value().size() == 1);
}
