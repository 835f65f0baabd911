#pragma once
// The full-text index (stories_fts) is written once per group of stories, not once per story.
//
// FTS5 writes its in-memory index to disk as a new segment whenever a statement or savepoint
// that wrote it ends (SQLite 3.40), so a trigger indexing each story as its current revision
// moved made one segment per story, and FTS5 merged those segments over and over: most of a
// cold poll's bytes written and a fifth of the writer's time. Since schema v8 the trigger only
// queues the move (stories_fts_pending); index_queued_stories() indexes the queue in two
// statements, so a feed's stories make one segment. Called in the same transaction (savepoint)
// as the stories it indexes: the index never lags a committed story.
#include <cstdint>
#include <span>

#include "model/story.h"
#include "storage/database.h"

struct sqlite3;

namespace hw::storage {

// A revision the caller has just stored, whose texts it still holds: the index reads them from
// here instead of decompressing them back out of story_revisions (a cold poll's writer thread
// inflated all 190 MB of them once more for this). Sorted by revision_id.
struct FreshRevision {
  std::int64_t revision_id = 0;
  const Story* story = nullptr;  // exactly the texts stored for revision_id
};

// Removes the queued stories' previous revisions from stories_fts, adds their current ones and
// empties the queue. Cheap when the queue is empty. Revisions in `fresh` are indexed from
// memory; the same words as from the stored texts, which are the same bytes.
void index_queued_stories(Database& db, std::span<const FreshRevision> fresh = {});

// Registers on `db` the function index_queued_stories reads fresh texts through,
// fresh_story_text(REVISION_ID, PART): the summary (PART 0) or content (1) of a revision in
// the `fresh` list of the call running on this thread, else NULL. Not for other SQL.
void register_fts_queue_functions(sqlite3* db);

}  // namespace hw::storage
