#include "storage/fts_queue.h"

namespace hw::storage {

void index_queued_stories(Database& db) {
  // External content: a 'delete' must repeat the indexed text, which the immutable
  // story_revisions row still holds. In rowid order, the order FTS5 appends best.
  db.cached(
        "INSERT INTO stories_fts (stories_fts, rowid, title, summary, content) "
        "SELECT 'delete', r.id, r.title, "
        "CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT), "
        "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) "
        "FROM stories_fts_pending p "
        "JOIN story_revisions r ON r.id = p.old_revision_id ORDER BY r.id")
      ->run();
  db.cached(
        "INSERT INTO stories_fts (rowid, title, summary, content) "
        "SELECT r.id, r.title, CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT), "
        "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT) "
        "FROM stories_fts_pending p "
        "JOIN story_revisions r ON r.id = p.new_revision_id ORDER BY r.id")
      ->run();
  db.cached("DELETE FROM stories_fts_pending")->run();
}

}  // namespace hw::storage
