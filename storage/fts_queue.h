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
#include "storage/database.h"

namespace hw::storage {

// Removes the queued stories' previous revisions from stories_fts, adds their current ones and
// empties the queue. Cheap when the queue is empty.
void index_queued_stories(Database& db);

}  // namespace hw::storage
