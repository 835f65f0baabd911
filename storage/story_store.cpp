#include "storage/story_store.h"

#include <algorithm>

#include "storage/fts_queue.h"
#include "storage/story_rows.h"

namespace hw::storage {

std::optional<StoryStore::KnownStory> StoryStore::find_story(std::int64_t feed_id,
                                                             const std::string& key) {
  auto st = m_conn.db.cached(
      "SELECT s.id, s.current_revision_id, r.revision, s.guid, s.link, r.title, "
      "CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT), "
      "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT), s.published_at, s.updated_at "
      "FROM stories s LEFT JOIN story_revisions r ON r.id = s.current_revision_id "
      "WHERE s.feed_id = ?1 AND s.story_key = ?2");
  st->bind(1, feed_id).bind(2, key);
  if (!st->step()) {
    return std::nullopt;
  }
  KnownStory k;
  k.id = st->column_int64(0);
  k.revision_id = st->optional_int64(1).value_or(0);
  k.revision = st->column_int(2);
  k.current = story_from_columns(*st, 3);
  return k;
}

std::int64_t StoryStore::insert_revision(std::int64_t story_id, int revision, const Story& s,
                                         const PackedStoryTexts* packed, TimePoint fetched_at) {
  auto st = m_conn.db.cached(
      "INSERT INTO story_revisions (story_id, revision, title, summary_z, summary_size, "
      "content_z, content_size, content_hash, fetched_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  std::optional<PackedStoryTexts> here;
  if (!packed) {
    packed = &here.emplace(pack_story_texts(s));
  }
  // sqlar: the zlib bytes as a BLOB, or the text itself; the size is the text's either way.
  const auto bind_text = [&](int index, const std::optional<std::string>& z,
                             const std::string& text) {
    if (z) {
      st->bind_blob(index, *z);
    } else {
      st->bind(index, text);
    }
    st->bind(index + 1, static_cast<std::int64_t>(text.size()));
  };
  st->bind(1, story_id).bind(2, revision).bind(3, s.title);
  bind_text(4, packed->summary, s.summary);
  bind_text(6, packed->content, s.content);
  st->bind(8, packed->content_hash).bind(9, fetched_at);
  st->run();
  return m_conn.db.last_insert_rowid();
}

void StoryStore::update_story(std::int64_t story_id, std::int64_t revision_id, const Story& s) {
  auto st = m_conn.db.cached(
      "UPDATE stories SET current_revision_id = ?2, guid = ?3, link = ?4, published_at = ?5, "
      "updated_at = ?6 WHERE id = ?1");
  st->bind(1, story_id).bind(2, revision_id).bind(3, s.guid).bind(4, s.link);
  st->bind(5, s.published).bind(6, s.updated);
  st->run();
}

// One story of upsert_story/upsert_stories. Opens `tx` (BEGIN IMMEDIATE) when the story
// needs a write and it is not open yet; the caller commits it.
UpsertResult StoryStore::upsert(std::int64_t feed_id, const std::string& key, const Story& story,
                                const PackedStoryTexts* packed, TimePoint fetched_at,
                                std::optional<Transaction>& tx) {
  m_conn.require_writable("store stories");
  auto same_text = [&](const KnownStory& k) {
    return k.current.title == story.title && k.current.summary == story.summary &&
           k.current.content == story.content;
  };
  auto same_meta = [&](const KnownStory& k) {
    return k.current.guid == story.guid && k.current.link == story.link &&
           k.current.published == story.published && k.current.updated == story.updated;
  };
  // The common case in every poll is an unchanged story: answer it without the write lock.
  std::optional<KnownStory> known = find_story(feed_id, key);
  if (known && known->revision_id != 0 && same_text(*known) && same_meta(*known)) {
    return UpsertResult{UpsertOutcome::unchanged, known->id, known->revision_id, known->revision};
  }
  if (!tx) {
    tx.emplace(m_conn.db);
    // Look again under the write lock: another writer may have stored it meanwhile.
    known = find_story(feed_id, key);
  }
  UpsertResult result;
  if (!known) {
    auto st = m_conn.db.cached(
        "INSERT INTO stories (feed_id, story_key, guid, link, published_at, updated_at, "
        "first_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st->bind(1, feed_id).bind(2, key).bind(3, story.guid).bind(4, story.link);
    st->bind(5, story.published).bind(6, story.updated).bind(7, fetched_at);
    st->run();
    result.story_id = m_conn.db.last_insert_rowid();
    result.revision = 1;
    result.outcome = UpsertOutcome::inserted;
  } else if (known->revision_id == 0 || !same_text(*known)) {
    result.story_id = known->id;
    result.revision = known->revision + 1;
    result.outcome = known->revision_id == 0 ? UpsertOutcome::inserted : UpsertOutcome::revised;
  } else {
    // Same text, new dates or link: refresh the story row; no revision, nothing to re-match.
    update_story(known->id, known->revision_id, story);
    return UpsertResult{UpsertOutcome::unchanged, known->id, known->revision_id, known->revision};
  }
  result.revision_id = insert_revision(result.story_id, result.revision, story, packed, fetched_at);
  if (!known) {
    // The row was inserted just above with this story's guid, link and dates: only its
    // revision is new. Setting only that column spares SQLite rewriting the entries of the
    // link and published-time indexes (~a third of the writer's story writes on a cold poll).
    auto set = m_conn.db.cached("UPDATE stories SET current_revision_id = ?2 WHERE id = ?1");
    set->bind(1, result.story_id).bind(2, result.revision_id);
    set->run();
  } else {
    update_story(result.story_id, result.revision_id, story);
  }
  auto st =
      m_conn.db.cached("INSERT INTO pending_evaluations (revision_id, queued_at) VALUES (?1, ?2)");
  st->bind(1, result.revision_id).bind(2, fetched_at);
  st->run();
  return result;
}

UpsertResult StoryStore::upsert_story(std::int64_t feed_id, const Story& story,
                                      TimePoint fetched_at) {
  const std::string key = story_key(story);
  return in_context("upsert story feed=" + std::to_string(feed_id) + " key=" + key, [&] {
    std::optional<Transaction> tx;
    const UpsertResult result = upsert(feed_id, key, story, nullptr, fetched_at, tx);
    if (tx) {
      index_queued_stories(m_conn.db);
      tx->commit();
    }
    return result;
  });
}

std::vector<UpsertResult> StoryStore::upsert_stories(std::int64_t feed_id,
                                                     const std::vector<Story>& stories,
                                                     TimePoint fetched_at,
                                                     const std::vector<PackedStoryTexts>* packed) {
  if (packed && packed->size() != stories.size()) {
    packed = nullptr;  // not this list's: pack here instead
  }
  std::vector<UpsertResult> results;
  results.reserve(stories.size());
  std::vector<FreshRevision> fresh;  // the new revisions' texts, for the full-text index
  // Taken by the first story that needs a write; an exception rolls the whole batch back.
  std::optional<Transaction> tx;
  for (std::size_t i = 0; i < stories.size(); ++i) {
    const Story& story = stories[i];
    const PackedStoryTexts* texts = packed ? &(*packed)[i] : nullptr;
    const std::string key = story_key(story);
    results.push_back(
        in_context("upsert story feed=" + std::to_string(feed_id) + " key=" + key,
                   [&] { return upsert(feed_id, key, story, texts, fetched_at, tx); }));
    if (results.back().outcome != UpsertOutcome::unchanged) {
      fresh.push_back({results.back().revision_id, &story});
    }
  }
  if (tx) {
    std::ranges::sort(fresh, {}, &FreshRevision::revision_id);
    in_context("upsert stories feed=" + std::to_string(feed_id), [&] {
      // The feed's stories in one FTS segment, read from memory (fts_queue.h).
      index_queued_stories(m_conn.db, fresh);
      tx->commit();
    });
  }
  return results;
}

std::optional<Story> StoryStore::story(std::int64_t story_id) const {
  return in_context("read story " + std::to_string(story_id), [&]() -> std::optional<Story> {
    auto st = m_conn.db.cached(
        "SELECT guid, link, title, summary, content, published_at, updated_at FROM v_stories "
        "WHERE id = ?1");
    st->bind(1, story_id);
    if (!st->step()) {
      return std::nullopt;
    }
    return story_from_columns(*st, 0);
  });
}

namespace {

// The evaluation queue, oldest evidence first; the texts only with `texts` (CASE reads them
// lazily, so a listing without them decompresses nothing).
std::vector<PendingEvaluation> list_pending(const Connection& conn, std::size_t limit, bool texts) {
  return in_context("list pending evaluations", [&] {
    return conn.collect(
        // The oldest `limit` are picked on narrow rows first, then their texts are read: a
        // sort that carried every pending text (a cold poll queues ~200 MB) spilled to disk
        // and re-read all of it for every batch. queued_at is the revision's fetched_at (both
        // are written by the upsert that queues it) and, unlike fetched_at, needs no read
        // past the texts.
        "SELECT r.story_id, r.id, r.revision, s.guid, s.link, r.title, "
        "CASE WHEN ?2 THEN CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT) "
        "ELSE '' END, "
        "CASE WHEN ?2 THEN CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) "
        "ELSE '' END, "
        "s.published_at, s.updated_at, coalesce(s.published_at, s.first_seen_at), f.url "
        "FROM (SELECT p.revision_id AS id, coalesce(s.published_at, p.queued_at) AS evidence "
        "FROM pending_evaluations p JOIN story_revisions r ON r.id = p.revision_id "
        "JOIN stories s ON s.id = r.story_id ORDER BY evidence, id LIMIT ?1) n "
        "JOIN story_revisions r ON r.id = n.id "
        "JOIN stories s ON s.id = r.story_id JOIN feeds f ON f.id = s.feed_id "
        "ORDER BY n.evidence, n.id",
        [](const Statement& st) {
          PendingEvaluation p;
          p.story_id = st.column_int64(0);
          p.revision_id = st.column_int64(1);
          p.revision = st.column_int(2);
          p.story = story_from_columns(st, 3);
          p.at = st.column_time(10);
          p.feed_url = st.column_text(11);
          return p;
        },
        limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit),  // -1: no limit
        texts);
  });
}

}  // namespace

std::vector<PendingEvaluation> StoryStore::pending_evaluations(std::size_t limit) const {
  return list_pending(m_conn, limit, true);
}

std::vector<PendingEvaluation> StoryStore::pending_evaluation_heads(std::size_t limit) const {
  return list_pending(m_conn, limit, false);
}

void StoryStore::load_texts(PendingEvaluation& pending) const {
  in_context("read revision " + std::to_string(pending.revision_id), [&] {
    auto st = m_conn.db.cached(
        "SELECT CAST(sqlar_uncompress(summary_z, summary_size) AS TEXT), "
        "CAST(sqlar_uncompress(content_z, content_size) AS TEXT) "
        "FROM story_revisions WHERE id = ?1");
    st->bind(1, pending.revision_id);
    if (st->step()) {
      pending.story.summary = st->column_text(0);
      pending.story.content = st->column_text(1);
    }
  });
}

std::vector<StoredStory> StoryStore::stored_stories(
    std::optional<std::pair<TimePoint, std::int64_t>> after, std::size_t limit,
    bool include_queued) const {
  static const std::string sql =
      std::string(kStoredStoriesHead) +
      "(?4 OR NOT EXISTS (SELECT 1 FROM pending_evaluations p WHERE p.revision_id = r.id))" +
      std::string(kStoredStoriesTail);
  return in_context("list stored stories", [&] {
    return m_conn.collect(sql, stored_story_from, after ? format_utc(after->first) : std::string(),
                          after ? after->second : std::int64_t{0}, static_cast<std::int64_t>(limit),
                          include_queued);
  });
}

std::vector<StoredStory> StoryStore::matched_stories(
    std::optional<std::pair<TimePoint, std::int64_t>> after, std::size_t limit) const {
  static const std::string sql = std::string(kStoredStoriesHead) +
                                 "EXISTS (SELECT 1 FROM matches m WHERE m.revision_id = r.id)" +
                                 std::string(kStoredStoriesTail);
  return in_context("list matched stories", [&] {
    return m_conn.collect(sql, stored_story_from, after ? format_utc(after->first) : std::string(),
                          after ? after->second : std::int64_t{0},
                          static_cast<std::int64_t>(limit));
  });
}

std::optional<TimePoint> StoryStore::newest_evidence() const {
  return in_context("read the newest evidence time", [&] {
    auto st = m_conn.db.cached("SELECT max(coalesce(published_at, first_seen_at)) FROM stories");
    st->step();
    return st->optional_time(0);
  });
}

}  // namespace hw::storage
