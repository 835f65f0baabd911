#include "storage/fts_queue.h"

#include <algorithm>

#include <sqlite3.h>

#include "storage/storage_error.h"

namespace hw::storage {

namespace {

// The `fresh` list of the index_queued_stories call running on this thread: SQLite calls the
// function on the thread that steps the statement, so no other thread ever sees it.
thread_local std::span<const FreshRevision> t_fresh;

void fresh_text_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const sqlite3_int64 id = sqlite3_value_int64(argv[0]);
  const auto it = std::ranges::lower_bound(t_fresh, id, {}, &FreshRevision::revision_id);
  if (it == t_fresh.end() || it->revision_id != id) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string& text =
      sqlite3_value_int(argv[1]) == 0 ? it->story->summary : it->story->content;
  // Static: the story outlives the statement that reads it (index_queued_stories).
  sqlite3_result_text64(ctx, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
}

}  // namespace

void register_fts_queue_functions(sqlite3* db) {
  // Direct only: it reads the state of one C++ call, which no view or trigger may depend on.
  if (sqlite3_create_function_v2(db, "fresh_story_text", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                 nullptr, fresh_text_function, nullptr, nullptr,
                                 nullptr) != SQLITE_OK) {
    throw StorageError(std::string("register fresh_story_text: ") + sqlite3_errmsg(db));
  }
}

void index_queued_stories(Database& db, std::span<const FreshRevision> fresh) {
  // External content: a 'delete' must repeat the indexed text, which the immutable
  // story_revisions row still holds. In rowid order, the order FTS5 appends best. The
  // revisions are picked with IN, not a join on the queue (ordered by story): SQLite then
  // sorts only the queued ids and walks story_revisions in their order, where a join sorted
  // its result rows, every text in them (~2 % of a cold poll's writer copying texts into and
  // out of the sorter). A revision is queued for one story only, so both pick the same rows.
  db.cached(
        "INSERT INTO stories_fts (stories_fts, rowid, title, summary, content) "
        "SELECT 'delete', r.id, r.title, "
        "CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT), "
        "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) "
        "FROM story_revisions r "
        "WHERE r.id IN (SELECT old_revision_id FROM stories_fts_pending) ORDER BY r.id")
      ->run();
  struct Restore {
    std::span<const FreshRevision> previous = t_fresh;
    ~Restore() { t_fresh = previous; }
  } restore;
  t_fresh = fresh;
  // coalesce() evaluates its second argument only when the first is NULL: a fresh text is
  // never decompressed.
  db.cached(
        "INSERT INTO stories_fts (rowid, title, summary, content) "
        "SELECT r.id, r.title, "
        "coalesce(fresh_story_text(r.id, 0), "
        "CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT)), "
        "coalesce(fresh_story_text(r.id, 1), "
        "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT)) "
        "FROM story_revisions r "
        "WHERE r.id IN (SELECT new_revision_id FROM stories_fts_pending) ORDER BY r.id")
      ->run();
  db.cached("DELETE FROM stories_fts_pending")->run();
}

}  // namespace hw::storage
