#include "storage/store.h"

#include "storage/alert_rows.h"

#include <sqlite3.h>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "storage/fts_queue.h"
#include "storage/migrations.h"
#include "storage/sqlite.h"
#include "util/hash.h"

namespace hw::storage {
namespace {

// Runs `body`, prefixing any StorageError with what we were doing ("upsert story feed=3 …"), so
// the message reads operation → database → SQL → SQLite's reason.
template <typename F>
auto in_context(const std::string& what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const StorageError& e) {
    throw StorageError(what + ": " + e.what(), e.sqlite_code(), e.sqlite_message());
  }
}

// Identifies a revision's text in one column for sqlite3 users and diagnostics; change
// detection compares the texts themselves, so a collision could never hide an edit.
// A story's stored fields from seven consecutive columns starting at `first`: guid, link,
// title, summary, content, published_at, updated_at (every query that reads a story selects
// them in this order).
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

std::string content_hash(const Story& s) {
  Fnv1a h;
  // NUL separators: moving text from title to summary is a different revision.
  h.add(s.title);
  h.add(std::string_view("\0", 1));
  h.add(s.summary);
  h.add(std::string_view("\0", 1));
  h.add(s.content);
  return hex64(h.value());
}

ClaimStatus status_column(const Statement& st, int col) {
  const std::string text = st.column_text(col);
  if (auto s = claim_status_from_string(text)) {
    return *s;
  }
  throw StorageError("unknown claim status '" + text + "' in `" + sql_label(st.sql()) + "`");
}

std::optional<ClaimStatus> optional_status_column(const Statement& st, int col) {
  if (st.column_is_null(col)) {
    return std::nullopt;
  }
  return status_column(st, col);
}

Stance stance_column(const Statement& st, int col) {
  const std::string text = st.column_text(col);
  if (auto s = stance_from_string(text)) {
    return *s;
  }
  throw StorageError("unknown stance '" + text + "' in `" + sql_label(st.sql()) + "`");
}

AlertKind alert_kind_column(const Statement& st, int col) {
  const std::string text = st.column_text(col);
  if (const auto k = alert_kind_from_string(text)) {
    return *k;
  }
  throw StorageError("unknown alert kind '" + text + "' in `" + sql_label(st.sql()) + "`");
}

// 0 / "" mean "none" in the model types; the database says NULL so foreign keys hold.
std::optional<std::int64_t> id_or_null(std::int64_t id) {
  return id == 0 ? std::nullopt : std::optional<std::int64_t>(id);
}

std::optional<std::string_view> text_or_null(std::string_view s) {
  return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
}

TimePoint or_default(TimePoint t, TimePoint fallback) {
  return t == TimePoint{} ? fallback : t;
}

constexpr std::string_view kFeedColumns =
    "SELECT id, url, title, etag, last_modified, body_hash, last_polled_at, last_success_at, "
    "last_http_status, last_error, error_count, next_poll_at, enabled, disabled_reason, "
    "(SELECT count(*) FROM stories s WHERE s.feed_id = feeds.id), name, source, added_url, "
    "interval_s, server_interval_s, retry_after_until, last_error_at, kind, failing_since, "
    "failing_alerted_at FROM feeds ";

std::optional<std::chrono::seconds> optional_seconds(const Statement& st, int col) {
  const auto v = st.optional_int64(col);
  return v ? std::optional(std::chrono::seconds{*v}) : std::nullopt;
}

std::optional<std::int64_t> seconds_or_null(std::optional<std::chrono::seconds> s) {
  return s ? std::optional<std::int64_t>(s->count()) : std::nullopt;
}

FeedRecord read_feed(const Statement& st) {
  FeedRecord f;
  f.id = st.column_int64(0);
  f.url = st.column_text(1);
  f.title = st.column_text(2);
  f.etag = st.column_text(3);
  f.last_modified = st.column_text(4);
  f.body_hash = st.column_text(5);
  f.last_polled_at = st.optional_time(6);
  f.last_success_at = st.optional_time(7);
  f.last_http_status = st.column_int(8);
  f.last_error = st.column_text(9);
  f.error_count = st.column_int(10);
  f.next_poll_at = st.optional_time(11);
  f.enabled = st.column_bool(12);
  f.disabled_reason = st.column_text(13);
  f.stories = st.column_int64(14);
  f.name = st.column_text(15);
  f.source = st.column_text(16);
  f.added_url = st.column_text(17);
  f.interval = optional_seconds(st, 18);
  f.server_interval = optional_seconds(st, 19);
  f.retry_after_until = st.optional_time(20);
  f.last_error_at = st.optional_time(21);
  f.kind = st.column_text(22);
  f.failing_since = st.optional_time(23);
  f.failing_alerted_at = st.optional_time(24);
  return f;
}

constexpr std::string_view kClaimColumns =
    "SELECT id, statement, status, status_since, matches, retired_at FROM v_claims ";

ClaimRecord read_claim(const Statement& st) {
  ClaimRecord c;
  c.id = st.column_text(0);
  c.statement = st.column_text(1);
  c.status = status_column(st, 2);
  c.since = st.column_time(3);
  c.matches = st.column_int64(4);
  c.retired_at = st.optional_time(5);
  return c;
}

constexpr std::string_view kMatchColumns =
    "SELECT story_id, revision_id, claim_id, stance, retraction, score, evidence, rule, "
    "matched_at FROM matches ";

StoredMatch read_match(const Statement& st) {
  StoredMatch m;
  m.story_id = st.column_int64(0);
  m.revision_id = st.column_int64(1);
  m.match.claim_id = st.column_text(2);
  m.match.stance = stance_column(st, 3);
  m.match.retraction = st.column_bool(4);
  m.match.score = st.column_double(5);
  m.match.evidence = st.column_text(6);
  m.match.rule = st.column_text(7);
  m.matched_at = st.column_time(8);
  return m;
}

// What upsert_story needs to know about the stored story with a given key.
struct KnownStory {
  std::int64_t id = 0;
  std::int64_t revision_id = 0;
  int revision = 0;
  Story current;
};

}  // namespace

const std::string_view kAlertColumns =
    "SELECT id, kind, claim_id, from_status, to_status, story_id, story_title, story_link, "
    "message, repeat_count, created_at, delivered_at, delivery_attempts, last_delivery_error, "
    "at, backfill FROM v_alerts ";

AlertRecord read_alert(const Statement& st) {
  AlertRecord r;
  r.id = st.column_int64(0);
  r.alert.kind = alert_kind_column(st, 1);
  r.alert.claim_id = st.column_text(2);
  r.alert.from = optional_status_column(st, 3);
  if (!st.column_is_null(4)) {
    r.alert.to = status_column(st, 4);
  }
  r.alert.story_id = st.optional_int64(5).value_or(0);
  r.alert.story_title = st.column_text(6);
  r.alert.story_link = st.column_text(7);
  r.alert.message = st.column_text(8);
  r.alert.repeat_count = st.column_int(9);
  r.alert.created_at = st.column_time(10);
  r.delivered_at = st.optional_time(11);
  r.delivery_attempts = st.column_int(12);
  r.last_delivery_error = st.column_text(13);
  r.alert.at = st.column_time(14);
  r.alert.backfill = st.column_bool(15);
  return r;
}

struct Store::Impl {
  Impl(Database database, OpenMode open_mode) : db(std::move(database)), mode(open_mode) {}

  void require_writable(std::string_view what) const {
    if (mode == OpenMode::read_only) {
      throw StorageError("database " + db.path().string() + " is open read-only: cannot " +
                         std::string(what));
    }
  }

  std::string feed_label(std::int64_t feed_id) const {
    return "feed " + std::to_string(feed_id) + " in database " + db.path().string();
  }

  // UPDATE of one feed row; a missing feed is an error, not a silent no-op.
  template <typename Bind>
  void update_feed(std::int64_t feed_id, std::string_view what, std::string_view sql, Bind bind) {
    require_writable(what);
    in_context(std::string(what) + " feed=" + std::to_string(feed_id), [&] {
      auto st = db.cached(sql);
      st->bind(1, feed_id);
      bind(*st);
      st->run();
      if (db.changes() == 0) {
        throw StorageError(feed_label(feed_id) + " does not exist");
      }
    });
  }

  std::optional<KnownStory> find_story(std::int64_t feed_id, const std::string& key) {
    auto st = db.cached(
        "SELECT s.id, s.current_revision_id, r.revision, s.guid, s.link, r.title, r.summary, "
        "r.content, s.published_at, s.updated_at "
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

  std::int64_t insert_revision(std::int64_t story_id, int revision, const Story& s,
                               TimePoint fetched_at) {
    auto st = db.cached(
        "INSERT INTO story_revisions (story_id, revision, title, summary, content, "
        "content_hash, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st->bind(1, story_id).bind(2, revision).bind(3, s.title).bind(4, s.summary);
    st->bind(5, s.content).bind(6, content_hash(s)).bind(7, fetched_at);
    st->run();
    return db.last_insert_rowid();
  }

  // Points the story at `revision_id` and refreshes its metadata; the stories_fts_sync trigger
  // queues the move of its full-text entry (index_queued_stories before the commit).
  void update_story(std::int64_t story_id, std::int64_t revision_id, const Story& s) {
    auto st = db.cached(
        "UPDATE stories SET current_revision_id = ?2, guid = ?3, link = ?4, published_at = ?5, "
        "updated_at = ?6 WHERE id = ?1");
    st->bind(1, story_id).bind(2, revision_id).bind(3, s.guid).bind(4, s.link);
    st->bind(5, s.published).bind(6, s.updated);
    st->run();
  }

  void insert_history(const StatusChange& c, std::optional<std::int64_t> story_id,
                      std::optional<std::int64_t> revision_id, TimePoint recorded_at) {
    auto st = db.cached(
        "INSERT INTO claim_status_history (claim_id, seq, from_status, to_status, at, "
        "recorded_at, actor, rule, evidence_text, reason, story_id, revision_id) VALUES (?1, "
        "(SELECT coalesce(max(seq), 0) + 1 FROM claim_status_history WHERE claim_id = ?1), ?2, "
        "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st->bind(1, c.claim_id);
    st->bind(2, c.from ? std::optional<std::string_view>(to_string(*c.from)) : std::nullopt);
    st->bind(3, to_string(c.to)).bind(4, c.at).bind(5, recorded_at).bind(6, c.actor);
    st->bind(7, c.rule).bind(8, c.evidence_text).bind(9, c.reason);
    st->bind(10, story_id).bind(11, revision_id);
    st->run();
  }

  // One story of upsert_story/upsert_stories. Opens `tx` (BEGIN IMMEDIATE) when the story
  // needs a write and it is not open yet; the caller commits it.
  UpsertResult upsert(std::int64_t feed_id, const std::string& key, const Story& story,
                      TimePoint fetched_at, std::optional<Transaction>& tx) {
    require_writable("store stories");
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
      tx.emplace(db);
      // Look again under the write lock: another writer may have stored it meanwhile.
      known = find_story(feed_id, key);
    }
    UpsertResult result;
    if (!known) {
      auto st = db.cached(
          "INSERT INTO stories (feed_id, story_key, guid, link, published_at, updated_at, "
          "first_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      st->bind(1, feed_id).bind(2, key).bind(3, story.guid).bind(4, story.link);
      st->bind(5, story.published).bind(6, story.updated).bind(7, fetched_at);
      st->run();
      result.story_id = db.last_insert_rowid();
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
    result.revision_id = insert_revision(result.story_id, result.revision, story, fetched_at);
    update_story(result.story_id, result.revision_id, story);
    auto st = db.cached("INSERT INTO pending_evaluations (revision_id, queued_at) VALUES (?1, ?2)");
    st->bind(1, result.revision_id).bind(2, fetched_at);
    st->run();
    return result;
  }

  template <typename Read>
  auto collect(std::string_view sql, Read read, auto... values) {
    std::vector<decltype(read(std::declval<const Statement&>()))> out;
    auto st = db.cached(sql);
    int index = 0;
    (st->bind(++index, values), ...);
    while (st->step()) {
      out.push_back(read(*st));
    }
    return out;
  }

  Database db;
  OpenMode mode;
};

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

namespace {

// A new database is built beside `path` and linked into place only once its schema is
// complete, so a reader (the CLI next to a starting daemon) never finds a half-built file.
// link() refuses to replace: when another process got there first, its file is used.
void create_complete(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return;
  }
  const auto building = std::filesystem::path(path.string() + ".new-" + std::to_string(::getpid()));
  {
    Database db(building, Database::Access::read_write);
    migrate(db);
  }  // closing checkpoints the WAL into the file
  const int linked = ::link(building.c_str(), path.c_str());
  const int link_errno = errno;
  std::filesystem::remove(building, ec);
  // The WAL files are kept on close (wal_readers.h), so the building copy's stay behind too.
  std::filesystem::remove(building.string() + "-wal", ec);
  std::filesystem::remove(building.string() + "-shm", ec);
  if (linked != 0 && link_errno != EEXIST) {
    throw StorageError("cannot create database " + path.string() + ": " +
                       std::strerror(link_errno));
  }
}

}  // namespace

Store Store::open(const std::filesystem::path& path, OpenMode mode) {
  const bool read_only = mode == OpenMode::read_only;
  if (!read_only) {
    create_complete(path);
  }
  Database db(path, read_only ? Database::Access::read_only : Database::Access::read_write);
  if (read_only) {
    require_current_schema(db);
  } else {
    migrate(db);
  }
  return Store(std::make_unique<Impl>(std::move(db), mode));
}

int Store::schema_version() const {
  return storage::schema_version(m_impl->db);
}

int Store::latest_schema_version() {
  return storage::latest_schema_version();
}

// ---- feeds ----------------------------------------------------------------------------------

std::int64_t Store::ensure_feed(std::string_view url) {
  auto& db = m_impl->db;
  return in_context("ensure feed " + std::string(url), [&] {
    auto find = [&]() -> std::optional<std::int64_t> {
      auto st = db.cached("SELECT id FROM feeds WHERE url = ?1");
      st->bind(1, url);
      return st->step() ? std::optional(st->column_int64(0)) : std::nullopt;
    };
    if (auto id = find()) {
      return *id;
    }
    m_impl->require_writable("add a feed");
    {
      // created_at is the database's wall clock: ensure_feed takes no time, and the value is
      // informational only (nothing schedules on it).
      auto st = db.cached(
          "INSERT INTO feeds (url, added_url, created_at) VALUES (?1, ?1, "
          "strftime('%Y-%m-%dT%H:%M:%SZ', "
          "'now')) ON CONFLICT (url) DO NOTHING");
      st->bind(1, url);
      st->run();
    }
    if (auto id = find()) {
      return *id;
    }
    throw StorageError("feed row vanished after insert");
  });
}

std::vector<FeedRecord> Store::list_feeds() const {
  return in_context("list feeds", [&] {
    return m_impl->collect(std::string(kFeedColumns) + "ORDER BY id", read_feed);
  });
}

std::optional<FeedRecord> Store::feed(std::int64_t id) const {
  return in_context("read feed " + std::to_string(id), [&]() -> std::optional<FeedRecord> {
    auto rows = m_impl->collect(std::string(kFeedColumns) + "WHERE id = ?1", read_feed, id);
    if (rows.empty()) {
      return std::nullopt;
    }
    return std::move(rows.front());
  });
}

void Store::record_fetch_success(std::int64_t feed_id, const FetchSuccess& s, TimePoint at) {
  m_impl->update_feed(
      feed_id, "record fetch success",
      "UPDATE feeds SET last_polled_at = ?2, last_success_at = ?2, last_http_status = ?3, "
      "etag = ?4, last_modified = ?5, body_hash = ?6, title = ?7, last_error = '', "
      "error_count = 0, failing_since = NULL, failing_alerted_at = NULL WHERE id = ?1",
      [&](Statement& st) {
        st.bind(2, at).bind(3, s.http_status).bind(4, s.etag).bind(5, s.last_modified);
        st.bind(6, s.body_hash).bind(7, s.title);
      });
}

void Store::record_not_modified(std::int64_t feed_id, int http_status, TimePoint at) {
  // A 304 is a healthy answer: it ends a failure streak like any other success.
  m_impl->update_feed(feed_id, "record not-modified",
                      "UPDATE feeds SET last_polled_at = ?2, last_success_at = ?2, "
                      "last_http_status = ?3, last_error = '', error_count = 0, "
                      "failing_since = NULL, failing_alerted_at = NULL WHERE id = ?1",
                      [&](Statement& st) { st.bind(2, at).bind(3, http_status); });
}

void Store::record_fetch_failure(std::int64_t feed_id, int http_status, std::string_view error,
                                 TimePoint at) {
  // Validators (etag, last_modified, body_hash) are kept: the next success can still be a 304.
  m_impl->update_feed(feed_id, "record fetch failure",
                      "UPDATE feeds SET last_polled_at = ?2, last_http_status = ?3, "
                      "last_error = ?4, error_count = error_count + 1, last_error_at = ?2, "
                      "failing_since = coalesce(failing_since, ?2) WHERE id = ?1",
                      [&](Statement& st) { st.bind(2, at).bind(3, http_status).bind(4, error); });
}

void Store::set_next_poll_at(std::int64_t feed_id, std::optional<TimePoint> at) {
  m_impl->update_feed(feed_id, "set next poll", "UPDATE feeds SET next_poll_at = ?2 WHERE id = ?1",
                      [&](Statement& st) { st.bind(2, at); });
}

void Store::set_feed_enabled(std::int64_t feed_id, bool enabled, std::string_view reason) {
  m_impl->update_feed(feed_id, enabled ? "enable" : "disable",
                      "UPDATE feeds SET enabled = ?2, disabled_reason = ?3 WHERE id = ?1",
                      [&](Statement& st) {
                        // "" rather than a default string_view, whose null data would bind as NULL.
                        st.bind(2, enabled).bind(3, enabled ? std::string_view("") : reason);
                      });
}

std::optional<FeedRecord> Store::find_feed(std::string_view url) const {
  return in_context("find feed " + std::string(url), [&]() -> std::optional<FeedRecord> {
    // The fetched URL wins over an added_url that another feed was redirected away from.
    auto rows = m_impl->collect(
        std::string(kFeedColumns) + "WHERE url = ?1 OR added_url = ?1 ORDER BY url = ?1 DESC, id",
        read_feed, url);
    if (rows.empty()) {
      return std::nullopt;
    }
    return std::move(rows.front());
  });
}

std::int64_t Store::save_feed(const FeedSettings& f) {
  return in_context("save feed " + f.url, [&] {
    m_impl->require_writable("save a feed");
    Transaction tx(m_impl->db);
    std::int64_t id = 0;
    if (auto known = find_feed(f.url)) {
      id = known->id;
    } else {
      id = ensure_feed(f.url);
    }
    auto st = m_impl->db.cached(
        "UPDATE feeds SET name = ?2, source = ?3, interval_s = ?4, "
        "added_url = CASE WHEN added_url = '' THEN ?5 ELSE added_url END, kind = ?6 WHERE id = ?1");
    st->bind(1, id).bind(2, f.name).bind(3, f.source).bind(4, seconds_or_null(f.interval));
    st->bind(5, f.url).bind(6, f.kind);
    st->run();
    tx.commit();
    return id;
  });
}

void Store::set_feed_url(std::int64_t feed_id, std::string_view url) {
  m_impl->update_feed(feed_id, "move feed", "UPDATE feeds SET url = ?2 WHERE id = ?1",
                      [&](Statement& st) { st.bind(2, url); });
}

void Store::set_feed_schedule(std::int64_t feed_id, const FeedSchedule& s) {
  m_impl->update_feed(feed_id, "schedule feed",
                      "UPDATE feeds SET next_poll_at = ?2, server_interval_s = ?3, "
                      "retry_after_until = ?4 WHERE id = ?1",
                      [&](Statement& st) {
                        st.bind(2, s.next_poll_at).bind(3, seconds_or_null(s.server_interval));
                        st.bind(4, s.retry_after_until);
                      });
}

// ---- write batches --------------------------------------------------------------------------

void Store::begin_batch() {
  m_impl->require_writable("write a batch");
  if (in_batch()) {
    throw StorageError("database " + m_impl->db.path().string() +
                       ": a write batch is already open");
  }
  in_context("begin write batch", [&] { m_impl->db.exec("BEGIN IMMEDIATE"); });
}

void Store::commit_batch() {
  in_context("commit write batch", [&] { m_impl->db.exec("COMMIT"); });
}

void Store::rollback_batch() {
  if (in_batch()) {
    m_impl->db.exec("ROLLBACK");
  }
}

bool Store::in_batch() const {
  return m_impl->db.in_transaction();
}

void Store::checkpoint() {
  m_impl->require_writable("checkpoint");
  in_context("checkpoint", [&] { m_impl->db.exec("PRAGMA wal_checkpoint(PASSIVE)"); });
}

// ---- stories --------------------------------------------------------------------------------

UpsertResult Store::upsert_story(std::int64_t feed_id, const Story& story, TimePoint fetched_at) {
  const std::string key = story_key(story);
  auto& impl = *m_impl;
  return in_context("upsert story feed=" + std::to_string(feed_id) + " key=" + key, [&] {
    std::optional<Transaction> tx;
    const UpsertResult result = impl.upsert(feed_id, key, story, fetched_at, tx);
    if (tx) {
      index_queued_stories(impl.db);
      tx->commit();
    }
    return result;
  });
}

std::vector<UpsertResult> Store::upsert_stories(std::int64_t feed_id,
                                                const std::vector<Story>& stories,
                                                TimePoint fetched_at) {
  auto& impl = *m_impl;
  std::vector<UpsertResult> results;
  results.reserve(stories.size());
  // Taken by the first story that needs a write; an exception rolls the whole batch back.
  std::optional<Transaction> tx;
  for (const Story& story : stories) {
    const std::string key = story_key(story);
    results.push_back(in_context("upsert story feed=" + std::to_string(feed_id) + " key=" + key,
                                 [&] { return impl.upsert(feed_id, key, story, fetched_at, tx); }));
  }
  if (tx) {
    in_context("upsert stories feed=" + std::to_string(feed_id), [&] {
      index_queued_stories(impl.db);  // the feed's stories in one FTS segment (fts_queue.h)
      tx->commit();
    });
  }
  return results;
}

std::optional<Story> Store::story(std::int64_t story_id) const {
  return in_context("read story " + std::to_string(story_id), [&]() -> std::optional<Story> {
    auto st = m_impl->db.cached(
        "SELECT guid, link, title, summary, content, published_at, updated_at FROM v_stories "
        "WHERE id = ?1");
    st->bind(1, story_id);
    if (!st->step()) {
      return std::nullopt;
    }
    return story_from_columns(*st, 0);
  });
}

std::vector<PendingEvaluation> Store::pending_evaluations(std::size_t limit) const {
  return in_context("list pending evaluations", [&] {
    return m_impl->collect(
        // The oldest `limit` are picked on narrow rows first, then their texts are read: a
        // sort that carried every pending text (a cold poll queues ~200 MB) spilled to disk
        // and re-read all of it for every batch. queued_at is the revision's fetched_at (both
        // are written by the upsert that queues it) and, unlike fetched_at, needs no read
        // past the texts.
        "SELECT r.story_id, r.id, r.revision, s.guid, s.link, r.title, r.summary, r.content, "
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
        limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(limit));  // -1: no limit
  });
}

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

Expected<std::vector<SearchHit>> Store::search_stories(std::string_view fts_query, int limit,
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
  ProgressDeadline deadline(m_impl->db.handle(), limits.max_time);
  try {
    return m_impl->collect(
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

// ---- claims ---------------------------------------------------------------------------------

ClaimSync Store::sync_claims(const std::vector<ClaimDefinition>& claims, TimePoint at) {
  auto& impl = *m_impl;
  return in_context("sync claims", [&] {
    impl.require_writable("sync claims");
    Transaction tx(impl.db);
    ClaimSync result;
    // A new claim is judged on every stored story, so it is tracked from before the oldest.
    TimePoint initial_at = at;
    {
      auto st = impl.db.cached("SELECT min(coalesce(published_at, first_seen_at)) FROM stories");
      st->step();
      if (const auto oldest = st->optional_time(0); oldest && *oldest < at) {
        initial_at = *oldest;
      }
    }
    std::vector<std::string> listed;
    for (const ClaimDefinition& def : claims) {
      const Claim& c = def.claim;
      listed.push_back(c.id);
      in_context("claim " + c.id, [&] {
        struct Known {
          std::string statement, definition_hash, scanned_hash;
          bool retired = false;
        };
        std::optional<Known> known;
        {
          auto st = impl.db.cached(
              "SELECT statement, definition_hash, scanned_hash, retired_at IS NOT NULL "
              "FROM claims WHERE id = ?1");
          st->bind(1, c.id);
          if (st->step()) {
            known = Known{st->column_text(0), st->column_text(1), st->column_text(2),
                          st->column_bool(3)};
          }
        }
        if (known) {
          // Known claim: its status is the evidence's business, not the claims file's. A claim
          // from before schema 4 has no hash yet: its stories were judged under this definition.
          const bool pre_v4 = known->definition_hash.empty();
          if (known->statement != c.statement || known->definition_hash != def.hash ||
              known->retired) {
            auto st = impl.db.cached(
                "UPDATE claims SET statement = ?2, definition_hash = ?3, retired_at = NULL, "
                "scanned_hash = CASE WHEN ?4 THEN ?3 ELSE scanned_hash END WHERE id = ?1");
            st->bind(1, c.id).bind(2, c.statement).bind(3, def.hash).bind(4, pre_v4);
            st->run();
          }
          if (!pre_v4 && known->scanned_hash != def.hash) {
            result.to_scan.push_back(c.id);
          }
          return;
        }
        {
          auto st = impl.db.cached(
              "INSERT INTO claims (id, statement, status, status_since, created_at, "
              "definition_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
          st->bind(1, c.id).bind(2, c.statement).bind(3, to_string(c.initial_status));
          st->bind(4, initial_at).bind(5, at).bind(6, def.hash);
          st->run();
        }
        StatusChange initial;
        initial.claim_id = c.id;
        initial.to = c.initial_status;
        initial.at = initial_at;
        initial.actor = "initial";
        initial.rule = "claims file";
        impl.insert_history(initial, std::nullopt, std::nullopt, at);
        result.to_scan.push_back(c.id);
      });
    }
    // Claims no longer in the file: retired, history kept.
    {
      auto st = impl.db.cached("SELECT id FROM claims WHERE retired_at IS NULL ORDER BY id");
      while (st->step()) {
        std::string id = st->column_text(0);
        if (std::ranges::find(listed, id) == listed.end()) {
          result.retired.push_back(std::move(id));
        }
      }
    }
    for (const auto& id : result.retired) {
      auto st = impl.db.cached("UPDATE claims SET retired_at = ?2 WHERE id = ?1");
      st->bind(1, id).bind(2, at);
      st->run();
    }
    tx.commit();
    return result;
  });
}

void Store::mark_scanned(std::string_view claim_id, std::string_view hash) {
  auto& impl = *m_impl;
  in_context("mark claim " + std::string(claim_id) + " scanned", [&] {
    impl.require_writable("mark a claim scanned");
    auto st = impl.db.cached("UPDATE claims SET scanned_hash = ?2 WHERE id = ?1");
    st->bind(1, claim_id).bind(2, hash);
    st->run();
  });
}

std::optional<ClaimRecord> Store::claim(std::string_view id) const {
  return in_context("read claim " + std::string(id), [&]() -> std::optional<ClaimRecord> {
    auto rows = m_impl->collect(std::string(kClaimColumns) + "WHERE id = ?1", read_claim, id);
    if (rows.empty()) {
      return std::nullopt;
    }
    return std::move(rows.front());
  });
}

std::vector<ClaimRecord> Store::list_claims(bool include_retired) const {
  return in_context("list claims", [&] {
    return m_impl->collect(
        std::string(kClaimColumns) +
            (include_retired ? "ORDER BY id" : "WHERE retired_at IS NULL ORDER BY id"),
        read_claim);
  });
}

std::vector<HistoryEntry> Store::history(std::string_view claim_id) const {
  return in_context("read history of claim " + std::string(claim_id), [&] {
    return m_impl->collect(
        "SELECT seq, claim_id, from_status, to_status, at, recorded_at, actor, rule, "
        "evidence_text, reason, story_id, revision_id, story_title, story_link, feed_url "
        // Event order: the claim's beginning, then evidence time, then recording order.
        "FROM v_history WHERE claim_id = ?1 ORDER BY actor <> 'initial', at, seq",
        [](const Statement& st) {
          HistoryEntry e;
          e.seq = st.column_int64(0);
          e.change.claim_id = st.column_text(1);
          e.change.from = optional_status_column(st, 2);
          e.change.to = status_column(st, 3);
          e.change.at = st.column_time(4);
          e.change.recorded_at = st.column_time(5);
          e.change.actor = st.column_text(6);
          e.change.rule = st.column_text(7);
          e.change.evidence_text = st.column_text(8);
          e.change.reason = st.column_text(9);
          e.change.story_id = st.optional_int64(10);
          e.change.revision_id = st.optional_int64(11);
          e.story_title = st.column_text(12);
          e.story_link = st.column_text(13);
          e.feed_url = st.column_text(14);
          return e;
        },
        claim_id);
  });
}

std::vector<StoredMatch> Store::matches_for_claim(std::string_view claim_id) const {
  return in_context("read matches of claim " + std::string(claim_id), [&] {
    return m_impl->collect(
        std::string(kMatchColumns) + "WHERE claim_id = ?1 ORDER BY matched_at, id", read_match,
        claim_id);
  });
}

std::vector<StoredMatch> Store::matches_for_story(std::int64_t story_id) const {
  return in_context("read matches of story " + std::to_string(story_id), [&] {
    return m_impl->collect(std::string(kMatchColumns) + "WHERE story_id = ?1 ORDER BY id",
                           read_match, story_id);
  });
}

namespace {

void insert_alert(Database& db, const Alert& a, TimePoint at) {
  auto st = db.cached(
      "INSERT INTO alerts (kind, claim_id, from_status, to_status, story_id, "
      "message, repeat_count, created_at, at, backfill) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, ?8, ?9, ?10)");
  st->bind(1, to_string(a.kind)).bind(2, text_or_null(a.claim_id));
  st->bind(3, a.from ? std::optional(to_string(*a.from)) : std::nullopt);
  st->bind(4, to_string(a.to)).bind(5, id_or_null(a.story_id)).bind(6, a.message);
  const TimePoint created = or_default(a.created_at, at);
  st->bind(7, a.repeat_count).bind(8, created).bind(9, or_default(a.at, created));
  st->bind(10, a.backfill);
  st->run();
}

}  // namespace

void Store::record_feed_alert(std::int64_t feed_id, const Alert& alert, TimePoint at) {
  auto& impl = *m_impl;
  in_context("record the failing-feed alert of " + impl.feed_label(feed_id), [&] {
    impl.require_writable("record an alert");
    Transaction tx(impl.db);
    insert_alert(impl.db, alert, at);
    auto st = impl.db.cached("UPDATE feeds SET failing_alerted_at = ?2 WHERE id = ?1");
    st->bind(1, feed_id).bind(2, at);
    st->run();
    tx.commit();
  });
}

bool Store::record_evaluation(const EvaluationWrite& w) {
  auto& impl = *m_impl;
  return in_context(
      "record evaluation story=" + std::to_string(w.story_id) +
          " revision=" + std::to_string(w.revision_id),
      [&] {
        impl.require_writable("record an evaluation");
        Transaction tx(impl.db);
        if (w.revision_id != 0 && w.dequeue) {
          // The claim on the queue entry comes first and decides: the evaluation was
          // computed outside this transaction, so another evaluator may have recorded
          // the same revision meanwhile. Exactly one DELETE can take the row.
          auto st = impl.db.cached("DELETE FROM pending_evaluations WHERE revision_id = ?1");
          st->bind(1, w.revision_id);
          st->run();
          if (impl.db.changes() != 1) {
            return false;  // the guard rolls back; nothing was written
          }
        }
        for (const Match& m : w.matches) {
          // Re-evaluating a revision (e.g. after a restart) must not duplicate matches.
          // Under a changed claim definition the new verdict replaces the old one.
          auto st = impl.db.cached(
              "INSERT INTO matches (story_id, revision_id, claim_id, stance, retraction, "
              "score, evidence, rule, matched_at, site, evidence_at, claim_hash) VALUES "
              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce((SELECT "
              "definition_hash FROM claims WHERE id = ?3), '')) "
              "ON CONFLICT (revision_id, claim_id) DO UPDATE SET stance = excluded.stance, "
              "retraction = excluded.retraction, score = excluded.score, "
              "evidence = excluded.evidence, rule = excluded.rule, "
              "matched_at = excluded.matched_at, site = excluded.site, "
              "evidence_at = excluded.evidence_at, claim_hash = excluded.claim_hash "
              "WHERE matches.claim_hash <> excluded.claim_hash");
          st->bind(1, w.story_id).bind(2, w.revision_id).bind(3, m.claim_id);
          st->bind(4, to_string(m.stance)).bind(5, m.retraction).bind(6, m.score);
          st->bind(7, m.evidence).bind(8, m.rule).bind(9, w.at).bind(10, w.site);
          st->bind(11, or_default(w.evidence_at, w.at));
          st->run();
        }
        for (const StatusChange& c : w.changes) {
          impl.insert_history(c, c.story_id ? c.story_id : id_or_null(w.story_id),
                              c.revision_id ? c.revision_id : id_or_null(w.revision_id),
                              or_default(c.recorded_at, w.at));
          auto st =
              impl.db.cached("UPDATE claims SET status = ?2, status_since = ?3 WHERE id = ?1");
          st->bind(1, c.claim_id).bind(2, to_string(c.to)).bind(3, c.at);
          st->run();
          if (impl.db.changes() == 0) {
            throw StorageError("claim " + c.claim_id + " does not exist");
          }
        }
        for (const Alert& a : w.alerts) {
          insert_alert(impl.db, a, w.at);
        }
        tx.commit();
        return true;
      });
}

// ---- alerts ---------------------------------------------------------------------------------

std::vector<AlertRecord> Store::list_alerts(bool undelivered_only) const {
  return in_context("list alerts", [&] {
    return m_impl->collect(
        std::string(kAlertColumns) +
            (undelivered_only ? "WHERE delivered_at IS NULL AND backfill = 0 ORDER BY id"
                              : "ORDER BY id"),
        read_alert);
  });
}

Database& Store::database() {
  return m_impl->db;
}

std::vector<ClaimMention> Store::claim_mentions(std::string_view claim_id, TimePoint from,
                                                TimePoint to) const {
  return in_context("list mentions of claim " + std::string(claim_id), [&] {
    auto st = m_impl->db.cached(
        "SELECT m.story_id, s.link, f.url, m.stance, m.retraction, m.score, "
        "coalesce(s.published_at, s.first_seen_at) FROM matches m "
        "JOIN stories s ON s.id = m.story_id JOIN feeds f ON f.id = s.feed_id "
        "WHERE m.claim_id = ?1 AND coalesce(s.published_at, s.first_seen_at) >= ?2 "
        "AND coalesce(s.published_at, s.first_seen_at) < ?3 ORDER BY m.id");
    st->bind(1, claim_id).bind(2, from).bind(3, to);
    std::vector<ClaimMention> out;
    while (st->step()) {
      ClaimMention m;
      m.story_id = st->column_int64(0);
      m.link = st->column_text(1);
      m.feed_url = st->column_text(2);
      m.stance = stance_column(*st, 3);
      m.retraction = st->column_bool(4);
      m.score = st->column_double(5);
      m.at = st->column_time(6);
      out.push_back(std::move(m));
    }
    return out;
  });
}

ClaimSnapshot Store::claim_snapshot(std::string_view claim_id, std::int64_t story_id,
                                    TimePoint at) const {
  return in_context("read evidence of claim " + std::string(claim_id), [&] {
    auto& db = m_impl->db;
    ClaimSnapshot snap;
    {
      // The status is the result of the history in the order it was recorded (seq).
      auto st = db.cached(
          "SELECT c.status, coalesce((SELECT h.actor = 'manual' FROM claim_status_history h "
          "WHERE h.claim_id = c.id ORDER BY h.seq DESC LIMIT 1), 0), c.status_since FROM claims c "
          "WHERE c.id = ?1");
      st->bind(1, claim_id);
      if (!st->step()) {
        throw StorageError("claim " + std::string(claim_id) + " does not exist");
      }
      snap.status = status_column(*st, 0);
      snap.manual = st->column_bool(1);
      snap.since = st->column_time(2);
    }
    // Per (site, stance, retraction), the best score from another story: one index seek to the
    // next group and one to its best row (schema v8, matches_claim_site_best), so a claim with
    // thousands of matches costs its sites, not its matches. ('', '', -1) sorts before every
    // group: a stance is never empty.
    std::string site;
    std::string stance;
    std::int64_t retraction = -1;
    while (true) {
      {
        auto next = db.cached(
            "SELECT site, stance, retraction FROM matches WHERE claim_id = ?1 AND "
            "(site, stance, retraction) > (?2, ?3, ?4) ORDER BY site, stance, retraction LIMIT 1");
        next->bind(1, claim_id).bind(2, site).bind(3, stance).bind(4, retraction);
        if (!next->step()) {
          break;
        }
        site = next->column_text(0);
        stance = next->column_text(1);
        retraction = next->column_int64(2);
      }
      auto best = db.cached(
          "SELECT stance, retraction, score FROM matches WHERE claim_id = ?1 AND site = ?2 AND "
          "stance = ?3 AND retraction = ?4 AND story_id <> ?5 ORDER BY score DESC LIMIT 1");
      best->bind(1, claim_id).bind(2, site).bind(3, stance).bind(4, retraction).bind(5, story_id);
      if (best->step()) {
        snap.sites.push_back(
            {site, stance_column(*best, 0), best->column_bool(1), best->column_double(2)});
      }
    }
    const TimePoint window_start = at - std::chrono::hours(24);
    const TimePoint baseline_start = window_start - std::chrono::days(7);
    {
      auto st = db.cached(
          "SELECT count(DISTINCT CASE WHEN evidence_at >= ?3 THEN story_id END), "
          "count(DISTINCT CASE WHEN evidence_at < ?3 THEN story_id END) FROM matches "
          "WHERE claim_id = ?1 AND story_id <> ?2 AND evidence_at >= ?4 AND evidence_at <= ?5");
      st->bind(1, claim_id).bind(2, story_id).bind(3, window_start).bind(4, baseline_start);
      st->bind(5, at);
      st->step();
      snap.window_stories = st->column_int(0);
      snap.baseline_stories = st->column_int(1);
    }
    {
      auto st = db.cached(
          "SELECT DISTINCT site FROM matches WHERE claim_id = ?1 AND story_id <> ?2 "
          "AND evidence_at >= ?3 AND evidence_at <= ?4 ORDER BY site");
      st->bind(1, claim_id).bind(2, story_id).bind(3, window_start).bind(4, at);
      while (st->step()) {
        snap.window_sites.push_back(st->column_text(0));
      }
    }
    {
      // Repeats are counted from the claim's last status_change alert (every change raises
      // one, manual ones too): recording order, not a clock, so a replay counts the same.
      auto st = db.cached(
          "SELECT EXISTS (SELECT 1 FROM alerts WHERE story_id = ?2 AND claim_id = ?1 AND "
          "kind = ?3), "
          "(SELECT count(*) FROM alerts WHERE claim_id = ?1 AND kind = ?3 AND id > "
          "coalesce((SELECT max(id) FROM alerts WHERE claim_id = ?1 AND kind = ?4), 0)), "
          "EXISTS (SELECT 1 FROM alerts WHERE claim_id = ?1 AND kind = ?5 AND at > ?6 "
          "AND at < ?7)");
      st->bind(1, claim_id).bind(2, story_id);
      st->bind(3, to_string(AlertKind::repeated_after_clarification));
      st->bind(4, to_string(AlertKind::status_change)).bind(5, to_string(AlertKind::hype_spike));
      st->bind(6, window_start).bind(7, at + std::chrono::hours(24));
      st->step();
      snap.story_raised_repeat = st->column_bool(0);
      snap.repeats_since_change = st->column_int(1);
      snap.hype_alert_near = st->column_bool(2);
    }
    return snap;
  });
}

namespace {

// Current revisions of stored stories in evidence order after (at, revision_id); `filter` is
// the SQL condition on the revision `r` that selects which.
constexpr std::string_view kStoredStoriesHead =
    "SELECT r.story_id, r.id, f.url, coalesce(s.published_at, s.first_seen_at) AS ev, "
    "s.guid, s.link, r.title, r.summary, r.content, s.published_at, s.updated_at "
    "FROM stories s JOIN story_revisions r ON r.id = s.current_revision_id "
    "JOIN feeds f ON f.id = s.feed_id WHERE ";
constexpr std::string_view kStoredStoriesTail =
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

}  // namespace

std::vector<StoredStory> Store::stored_stories(
    std::optional<std::pair<TimePoint, std::int64_t>> after, std::size_t limit,
    bool include_queued) const {
  static const std::string sql =
      std::string(kStoredStoriesHead) +
      "(?4 OR NOT EXISTS (SELECT 1 FROM pending_evaluations p WHERE p.revision_id = r.id))" +
      std::string(kStoredStoriesTail);
  return in_context("list stored stories", [&] {
    return m_impl->collect(sql, stored_story_from, after ? format_utc(after->first) : std::string(),
                           after ? after->second : std::int64_t{0},
                           static_cast<std::int64_t>(limit), include_queued);
  });
}

std::vector<StoredStory> Store::matched_stories(
    std::optional<std::pair<TimePoint, std::int64_t>> after, std::size_t limit) const {
  static const std::string sql = std::string(kStoredStoriesHead) +
                                 "EXISTS (SELECT 1 FROM matches m WHERE m.revision_id = r.id)" +
                                 std::string(kStoredStoriesTail);
  return in_context("list matched stories", [&] {
    return m_impl->collect(sql, stored_story_from, after ? format_utc(after->first) : std::string(),
                           after ? after->second : std::int64_t{0},
                           static_cast<std::int64_t>(limit));
  });
}

bool Store::matched_under_current_definition(std::int64_t revision_id,
                                             std::string_view claim_id) const {
  return in_context("look up match of claim " + std::string(claim_id), [&] {
    auto st = m_impl->db.cached(
        "SELECT EXISTS (SELECT 1 FROM matches m JOIN claims c ON c.id = m.claim_id "
        "WHERE m.revision_id = ?1 AND m.claim_id = ?2 AND m.claim_hash = c.definition_hash)");
    st->bind(1, revision_id).bind(2, claim_id);
    st->step();
    return st->column_bool(0);
  });
}

std::optional<TimePoint> Store::newest_evidence() const {
  return in_context("read the newest evidence time", [&] {
    auto st = m_impl->db.cached("SELECT max(coalesce(published_at, first_seen_at)) FROM stories");
    st->step();
    return st->optional_time(0);
  });
}

Counts Store::counts() const {
  return in_context("count rows", [&] {
    auto st = m_impl->db.cached(
        "SELECT (SELECT count(*) FROM feeds), (SELECT count(*) FROM stories), "
        "(SELECT count(*) FROM story_revisions), (SELECT count(*) FROM matches), "
        "(SELECT count(*) FROM alerts), (SELECT count(*) FROM claim_status_history)");
    st->step();
    Counts c;
    c.feeds = st->column_int64(0);
    c.stories = st->column_int64(1);
    c.revisions = st->column_int64(2);
    c.matches = st->column_int64(3);
    c.alerts = st->column_int64(4);
    c.history = st->column_int64(5);
    return c;
  });
}

}  // namespace hw::storage
