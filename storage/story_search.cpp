// StoryStore::search_stories: full-text search over the current revisions, bounded in bytes,
// terms and time.
#include <sqlite3.h>

#include <cctype>

#include "storage/story_store.h"

namespace hw::storage {
namespace {

// Stops the statements of one connection once `limit` has passed: SQLite calls the handler
// every kInstructions virtual-machine steps, and a non-zero return interrupts the statement
// (SQLITE_INTERRUPT). Removed again on destruction.
class ProgressDeadline {
 public:
  ProgressDeadline(sqlite3* db, std::chrono::milliseconds limit)
      : m_db(db), m_until(std::chrono::steady_clock::now() + limit) {
    sqlite3_progress_handler(m_db, kInstructions, &ProgressDeadline::check, this);
  }
  ~ProgressDeadline() { sqlite3_progress_handler(m_db, 0, nullptr, nullptr); }
  ProgressDeadline(const ProgressDeadline&) = delete;
  ProgressDeadline& operator=(const ProgressDeadline&) = delete;

 private:
  static constexpr int kInstructions = 1000;
  static int check(void* self) {
    return std::chrono::steady_clock::now() >= static_cast<ProgressDeadline*>(self)->m_until ? 1
                                                                                             : 0;
  }
  sqlite3* m_db;
  std::chrono::steady_clock::time_point m_until;
};

// Words as the FTS5 tokenizer sees them, near enough to bound the work: runs of ASCII letters
// and digits or of non-ASCII bytes. Operators (AND, OR, NOT, NEAR) count too.
std::size_t count_terms(std::string_view query) {
  std::size_t terms = 0;
  bool in_term = false;
  for (unsigned char c : query) {
    const bool word = std::isalnum(c) || c >= 0x80;
    terms += word && !in_term ? 1 : 0;
    in_term = word;
  }
  return terms;
}

std::string shortened(std::string_view reason) {
  constexpr std::size_t kMax = 120;
  return reason.size() <= kMax ? std::string(reason) : std::string(reason.substr(0, kMax)) + "…";
}

}  // namespace

Expected<std::vector<SearchHit>> StoryStore::search_stories(std::string_view fts_query, int limit,
                                                            const SearchLimits& limits) const {
  if (fts_query.size() > limits.max_bytes) {
    return fail("invalid search: the query is " + std::to_string(fts_query.size()) +
                " bytes; the limit is " + std::to_string(limits.max_bytes));
  }
  const std::size_t terms = count_terms(fts_query);
  if (terms == 0) {
    return fail("invalid search: the query has no words");
  }
  if (terms > limits.max_terms) {
    return fail("invalid search: the query has " + std::to_string(terms) + " terms; the limit is " +
                std::to_string(limits.max_terms));
  }
  ProgressDeadline deadline(m_conn.db.handle(), limits.max_time);
  try {
    return m_conn.collect(
        "SELECT r.story_id, r.id, r.title, s.link, f.url, s.published_at, "
        "snippet(stories_fts, -1, '[', ']', '…', 12) "
        "FROM stories_fts JOIN story_revisions r ON r.id = stories_fts.rowid "
        "JOIN stories s ON s.id = r.story_id JOIN feeds f ON f.id = s.feed_id "
        "WHERE stories_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        [](const Statement& st) {
          SearchHit h;
          h.story_id = st.column_int64(0);
          h.revision_id = st.column_int64(1);
          h.title = st.column_text(2);
          h.link = st.column_text(3);
          h.feed_url = st.column_text(4);
          h.published = st.optional_time(5);
          h.snippet = st.column_text(6);
          return h;
        },
        fts_query, limit);
  } catch (const StorageError& e) {
    const int primary = e.sqlite_code() & 0xff;
    if (primary == SQLITE_INTERRUPT) {
      return fail("invalid search: stopped after " + std::to_string(limits.max_time.count()) +
                  " ms; use fewer or more specific terms");
    }
    if (primary == SQLITE_ERROR) {
      // FTS5 reports the user's syntax ("fts5: syntax error near …", "no such column: x")
      // as a plain SQL error; SQLite's reason is the useful part, our SQL is not.
      std::string reason = e.sqlite_message();
      if (reason.starts_with("fts5: ")) {
        reason.erase(0, 6);
      }
      return fail("invalid search: " + shortened(reason));
    }
    throw StorageError("search stories: " + std::string(e.what()), e.sqlite_code(),
                       e.sqlite_message());
  }
}

}  // namespace hw::storage
