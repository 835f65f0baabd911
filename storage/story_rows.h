#pragma once
// Reading story rows: the one mapper of a Story's stored fields and of StoredStory.
#include <string>
#include <string_view>

#include "model/story.h"
#include "storage/statement.h"
#include "storage/story_store.h"

namespace hw::storage {

// A story's stored fields from seven consecutive columns starting at `first`: guid, link,
// title, summary, content, published_at, updated_at (every query that reads a story selects
// them in this order).
Story story_from_columns(const Statement& st, int first);

// Current revisions of stored stories in evidence order after (at, revision_id): the head, an
// SQL condition on the revision `r` that selects which, then the tail (?1 at, ?2 revision id,
// ?3 limit). Read each row with stored_story_from.
extern const std::string_view kStoredStoriesHead;
extern const std::string_view kStoredStoriesTail;

StoredStory stored_story_from(const Statement& st);

// Identifies a revision's text in one column for sqlite3 users and diagnostics; change
// detection compares the texts themselves, so a collision could never hide an edit.
std::string content_hash(const Story& s);

}  // namespace hw::storage
