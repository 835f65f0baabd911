#pragma once
// The stories aggregate: stories deduplicated per feed, their revisions (a changed text is a new
// revision, queued for evaluation), the walks over stored stories that rescans and learning
// make, and full-text search over the current revisions (story_search.cpp). Over the store's
// one connection (Store::stories()).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/story.h"
#include "storage/connection.h"
#include "storage/transaction.h"
#include "util/error.h"
#include "util/time.h"

namespace hw::storage {

enum class UpsertOutcome { inserted, unchanged, revised };

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::unchanged;
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;  // the current revision (new one when inserted/revised)
  int revision = 1;              // 1-based revision number
};

// A stored story's current revision, for rescans and `claim test`.
struct StoredStory {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  std::string feed_url;
  TimePoint at{};  // evidence time: published, else first seen
  Story story;
};

// A story revision waiting for the matcher and status engine.
struct PendingEvaluation {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;
  int revision = 1;
  Story story;     // the text of that revision, with the story's guid/link/dates
  TimePoint at{};  // evidence time: the story's published time, else when first seen
  std::string feed_url;
};

// One full-text search result (search_stories).
struct SearchHit {
  std::int64_t story_id = 0;
  std::int64_t revision_id = 0;  // the current revision, which is what is indexed
  std::string title;
  std::string link;
  std::string feed_url;
  std::optional<TimePoint> published;
  std::string snippet;  // matched terms in [brackets]
};

// Bounds of one search. A query's cost grew with the square of its terms (issue 14, 17k
// stories: 500 terms 6.6 s, 1,000 terms 26 s), so the term count is what keeps a query cheap;
// the byte cap keeps error messages short; the time cap, enforced by
// SQLite's progress handler, stops whatever slips through.
struct SearchLimits {
  std::size_t max_bytes = 1000;
  std::size_t max_terms = 32;
  std::chrono::milliseconds max_time{3000};
};

// A story's summary and content as story_revisions stores them (schema v9, storage/sqlar.h):
// each the zlib bytes, or nullopt when it is stored as is, and the revision's content_hash.
// Compressing and hashing are most of the cost of storing a text, so the poll cycle packs a
// feed's stories on its parse threads and the one writer thread only binds the bytes
// (upsert_stories).
struct PackedStoryTexts {
  std::optional<std::string> summary;
  std::optional<std::string> content;
  std::string content_hash;  // content_hash(story)
};
PackedStoryTexts pack_story_texts(const Story& story);
std::vector<PackedStoryTexts> pack_story_texts(const std::vector<Story>& stories);

class StoryStore {
 public:
  explicit StoryStore(Connection connection) : m_conn(connection) {}

  // Stories: dedup by (feed, key) where key = guid, or a stable fallback (link, else title)
  // when the guid is empty. A changed title/summary/content is a new revision.
  UpsertResult upsert_story(std::int64_t feed_id, const Story& story, TimePoint fetched_at);
  // The stories of one feed, each exactly as upsert_story would store it (in order, so a key
  // repeated within the batch sees the earlier item), but in ONE write transaction, taken only
  // when something needs writing: all of them or, on an error, none. Results in input order.
  // `packed`, when given, is pack_story_texts(stories), computed ahead (else packed here).
  std::vector<UpsertResult> upsert_stories(std::int64_t feed_id, const std::vector<Story>& stories,
                                           TimePoint fetched_at,
                                           const std::vector<PackedStoryTexts>* packed = nullptr);
  std::optional<Story> story(std::int64_t story_id) const;  // current revision
  // Revisions stored but not yet passed to record_evaluation, oldest evidence first
  // (published time, else fetch time). Every new revision is queued by upsert_story.
  // `limit` > 0 returns only the oldest `limit`: a cold start queues every story of every
  // feed, and holding all their texts at once would cost hundreds of MiB.
  std::vector<PendingEvaluation> pending_evaluations(std::size_t limit = 0) const;
  // The same revisions in the same order without their summary and content (left empty):
  // load_texts() reads them for one revision at a time. The poll cycle knows that most new
  // stories match no claim (app/story_screen.h) and does not read their texts back at all
  // (decompressing them was most of a cold poll's evaluation), and for the others it holds one
  // text at a time, so it can take far more revisions per query: each query sorts the whole
  // queue.
  std::vector<PendingEvaluation> pending_evaluation_heads(std::size_t limit) const;
  void load_texts(PendingEvaluation& pending) const;

  // Current revisions of stored stories, oldest evidence first, after the position
  // (at, revision_id) of the last one returned; at most `limit`. Those still waiting in the
  // evaluation queue only with include_queued (the queue evaluates them anyway).
  std::vector<StoredStory> stored_stories(std::optional<std::pair<TimePoint, std::int64_t>> after,
                                          std::size_t limit, bool include_queued = false) const;
  // The same walk over the stories that matched some claim (the wording statement claims learn
  // from, rules::Matcher::match_and_learn).
  std::vector<StoredStory> matched_stories(std::optional<std::pair<TimePoint, std::int64_t>> after,
                                           std::size_t limit) const;
  // The newest evidence time of any stored story; nullopt when there are none.
  std::optional<TimePoint> newest_evidence() const;

  // Full-text search (SQLite FTS5 query syntax) over the current revision of every story,
  // best match first. A query over the limits, with an FTS5 syntax error or one that runs out
  // of time is an error value "invalid search: …" that never quotes the whole query or SQL.
  Expected<std::vector<SearchHit>> search_stories(std::string_view fts_query, int limit = 20,
                                                  const SearchLimits& limits = {}) const;

 private:
  // What upsert_story needs to know about the stored story with a given key.
  struct KnownStory {
    std::int64_t id = 0;
    std::int64_t revision_id = 0;
    int revision = 0;
    Story current;
  };

  std::optional<KnownStory> find_story(std::int64_t feed_id, const std::string& key);
  // `packed`: pack_story_texts(s) if already made, else nullptr (packed here).
  std::int64_t insert_revision(std::int64_t story_id, int revision, const Story& s,
                               const PackedStoryTexts* packed, TimePoint fetched_at);
  // Points the story at `revision_id` and refreshes its metadata; the stories_fts_sync trigger
  // queues the move of its full-text entry (index_queued_stories before the commit).
  void update_story(std::int64_t story_id, std::int64_t revision_id, const Story& s);
  // One story of upsert_story/upsert_stories. Opens `tx` (BEGIN IMMEDIATE) when the story
  // needs a write and it is not open yet; the caller commits it.
  UpsertResult upsert(std::int64_t feed_id, const std::string& key, const Story& story,
                      const PackedStoryTexts* packed, TimePoint fetched_at,
                      std::optional<Transaction>& tx);

  Connection m_conn;
};

}  // namespace hw::storage
