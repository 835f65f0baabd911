#include "storage/feed_store.h"

#include "storage/alert_rows.h"
#include "storage/column_values.h"
#include "storage/feed_rows.h"
#include "storage/transaction.h"

namespace hw::storage {

std::string FeedStore::feed_label(std::int64_t feed_id) const {
  return "feed " + std::to_string(feed_id) + " in database " + m_conn.db.path().string();
}

template <typename Bind>
void FeedStore::update_feed(std::int64_t feed_id, std::string_view what, std::string_view sql,
                            Bind bind) {
  m_conn.require_writable(what);
  in_context(std::string(what) + " feed=" + std::to_string(feed_id), [&] {
    auto st = m_conn.db.cached(sql);
    st->bind(1, feed_id);
    bind(*st);
    st->run();
    if (m_conn.db.changes() == 0) {
      throw StorageError(feed_label(feed_id) + " does not exist");
    }
  });
}

std::int64_t FeedStore::ensure_feed(std::string_view url) {
  auto& db = m_conn.db;
  return in_context("ensure feed " + std::string(url), [&] {
    auto find = [&]() -> std::optional<std::int64_t> {
      auto st = db.cached("SELECT id FROM feeds WHERE url = ?1");
      st->bind(1, url);
      return st->step() ? std::optional(st->column_int64(0)) : std::nullopt;
    };
    if (auto id = find()) {
      return *id;
    }
    m_conn.require_writable("add a feed");
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

std::vector<FeedRecord> FeedStore::list_feeds() const {
  return in_context("list feeds", [&] {
    return m_conn.collect(std::string(kFeedColumns) + "ORDER BY id", read_feed);
  });
}

std::optional<FeedRecord> FeedStore::feed(std::int64_t id) const {
  return in_context("read feed " + std::to_string(id), [&]() -> std::optional<FeedRecord> {
    return m_conn.first(std::string(kFeedColumns) + "WHERE id = ?1", read_feed, id);
  });
}

void FeedStore::record_fetch_success(std::int64_t feed_id, const FetchSuccess& s, TimePoint at) {
  update_feed(feed_id, "record fetch success",
              "UPDATE feeds SET last_polled_at = ?2, last_success_at = ?2, last_http_status = ?3, "
              "etag = ?4, last_modified = ?5, body_hash = ?6, title = ?7, last_error = '', "
              "error_count = 0, failing_since = NULL, failing_alerted_at = NULL WHERE id = ?1",
              [&](Statement& st) {
                st.bind(2, at).bind(3, s.http_status).bind(4, s.etag).bind(5, s.last_modified);
                st.bind(6, s.body_hash).bind(7, s.title);
              });
}

void FeedStore::record_not_modified(std::int64_t feed_id, int http_status, TimePoint at) {
  // A 304 is a healthy answer: it ends a failure streak like any other success.
  update_feed(feed_id, "record not-modified",
              "UPDATE feeds SET last_polled_at = ?2, last_success_at = ?2, "
              "last_http_status = ?3, last_error = '', error_count = 0, "
              "failing_since = NULL, failing_alerted_at = NULL WHERE id = ?1",
              [&](Statement& st) { st.bind(2, at).bind(3, http_status); });
}

void FeedStore::record_fetch_failure(std::int64_t feed_id, int http_status, std::string_view error,
                                     TimePoint at) {
  // Validators (etag, last_modified, body_hash) are kept: the next success can still be a 304.
  update_feed(feed_id, "record fetch failure",
              "UPDATE feeds SET last_polled_at = ?2, last_http_status = ?3, "
              "last_error = ?4, error_count = error_count + 1, last_error_at = ?2, "
              "failing_since = coalesce(failing_since, ?2) WHERE id = ?1",
              [&](Statement& st) { st.bind(2, at).bind(3, http_status).bind(4, error); });
}

void FeedStore::set_next_poll_at(std::int64_t feed_id, std::optional<TimePoint> at) {
  update_feed(feed_id, "set next poll", "UPDATE feeds SET next_poll_at = ?2 WHERE id = ?1",
              [&](Statement& st) { st.bind(2, at); });
}

void FeedStore::set_feed_enabled(std::int64_t feed_id, bool enabled, std::string_view reason) {
  update_feed(feed_id, enabled ? "enable" : "disable",
              "UPDATE feeds SET enabled = ?2, disabled_reason = ?3 WHERE id = ?1",
              [&](Statement& st) {
                // "" rather than a default string_view, whose null data would bind as NULL.
                st.bind(2, enabled).bind(3, enabled ? std::string_view("") : reason);
              });
}

std::optional<FeedRecord> FeedStore::find_feed(std::string_view url) const {
  return in_context("find feed " + std::string(url), [&]() -> std::optional<FeedRecord> {
    // The fetched URL wins over an added_url that another feed was redirected away from.
    return m_conn.first(
        std::string(kFeedColumns) + "WHERE url = ?1 OR added_url = ?1 ORDER BY url = ?1 DESC, id",
        read_feed, url);
  });
}

std::int64_t FeedStore::save_feed(const FeedSettings& f) {
  return in_context("save feed " + f.url, [&] {
    m_conn.require_writable("save a feed");
    Transaction tx(m_conn.db);
    std::int64_t id = 0;
    if (auto known = find_feed(f.url)) {
      id = known->id;
    } else {
      id = ensure_feed(f.url);
    }
    auto st = m_conn.db.cached(
        "UPDATE feeds SET name = ?2, source = ?3, interval_s = ?4, "
        "added_url = CASE WHEN added_url = '' THEN ?5 ELSE added_url END, kind = ?6 WHERE id = ?1");
    st->bind(1, id).bind(2, f.name).bind(3, f.source).bind(4, seconds_or_null(f.interval));
    st->bind(5, f.url).bind(6, f.kind);
    st->run();
    tx.commit();
    return id;
  });
}

void FeedStore::set_feed_url(std::int64_t feed_id, std::string_view url) {
  update_feed(feed_id, "move feed", "UPDATE feeds SET url = ?2 WHERE id = ?1",
              [&](Statement& st) { st.bind(2, url); });
}

void FeedStore::set_feed_schedule(std::int64_t feed_id, const FeedSchedule& s) {
  update_feed(feed_id, "schedule feed",
              "UPDATE feeds SET next_poll_at = ?2, server_interval_s = ?3, "
              "retry_after_until = ?4 WHERE id = ?1",
              [&](Statement& st) {
                st.bind(2, s.next_poll_at).bind(3, seconds_or_null(s.server_interval));
                st.bind(4, s.retry_after_until);
              });
}

void FeedStore::record_feed_alert(std::int64_t feed_id, const Alert& alert, TimePoint at) {
  in_context("record the failing-feed alert of " + feed_label(feed_id), [&] {
    m_conn.require_writable("record an alert");
    Transaction tx(m_conn.db);
    insert_alert(m_conn.db, alert, at);
    auto st = m_conn.db.cached("UPDATE feeds SET failing_alerted_at = ?2 WHERE id = ?1");
    st->bind(1, feed_id).bind(2, at);
    st->run();
    tx.commit();
  });
}

}  // namespace hw::storage
