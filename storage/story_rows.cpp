#include "storage/story_rows.h"

#include "storage/sqlar.h"
#include "util/hash.h"

namespace hw::storage {

Story story_from_columns(const Statement& st, int first) {
  Story s;
  s.guid = st.column_text(first);
  s.link = st.column_text(first + 1);
  s.title = st.column_text(first + 2);
  s.summary = st.column_text(first + 3);
  s.content = st.column_text(first + 4);
  s.published = st.optional_time(first + 5);
  s.updated = st.optional_time(first + 6);
  return s;
}

PackedStoryTexts pack_story_texts(const Story& story) {
  return {sqlar_compress(story.summary), sqlar_compress(story.content), content_hash(story)};
}

namespace {

// What content_hash hashes. NUL separators: moving text from title to summary is a different
// revision.
std::vector<std::string_view> hashed_pieces(const Story& s) {
  return {s.title, std::string_view("\0", 1), s.summary, std::string_view("\0", 1), s.content};
}

}  // namespace

std::vector<PackedStoryTexts> pack_story_texts(const std::vector<Story>& stories) {
  std::vector<std::vector<std::string_view>> pieces;
  pieces.reserve(stories.size());
  for (const Story& s : stories) {
    pieces.push_back(hashed_pieces(s));
  }
  // The hashes of a feed's stories four at a time (fnv1a_each): the same as content_hash.
  const std::vector<std::uint64_t> hashes = fnv1a_each(pieces);
  std::vector<PackedStoryTexts> out;
  out.reserve(stories.size());
  for (std::size_t i = 0; i < stories.size(); ++i) {
    out.push_back(
        {sqlar_compress(stories[i].summary), sqlar_compress(stories[i].content), hex64(hashes[i])});
  }
  return out;
}

std::string content_hash(const Story& s) {
  Fnv1a h;
  for (const std::string_view piece : hashed_pieces(s)) {
    h.add(piece);
  }
  return hex64(h.value());
}

const std::string_view kStoredStoriesHead =
    "SELECT r.story_id, r.id, f.url, coalesce(s.published_at, s.first_seen_at) AS ev, "
    "s.guid, s.link, r.title, CAST(sqlar_uncompress(r.summary_z, r.summary_size) AS TEXT), "
    "CAST(sqlar_uncompress(r.content_z, r.content_size) AS TEXT), s.published_at, s.updated_at "
    "FROM stories s JOIN story_revisions r ON r.id = s.current_revision_id "
    "JOIN feeds f ON f.id = s.feed_id WHERE ";
const std::string_view kStoredStoriesTail =
    " AND (ev > ?1 OR (ev = ?1 AND r.id > ?2)) ORDER BY ev, r.id LIMIT ?3";

StoredStory stored_story_from(const Statement& st) {
  StoredStory s;
  s.story_id = st.column_int64(0);
  s.revision_id = st.column_int64(1);
  s.feed_url = st.column_text(2);
  s.at = st.column_time(3);
  s.story = story_from_columns(st, 4);
  return s;
}

}  // namespace hw::storage
