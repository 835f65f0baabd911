#include "storage/factcheck_pages.h"

#include "storage/transaction.h"

namespace hw::storage {

FactcheckPages::FactcheckPages(Database& db) : m_db(db) {}

int FactcheckPages::requeue_due(TimePoint now) {
  Transaction tx(m_db, "queue fact-check pages due for a retry");
  auto queue = m_db.cached(
      "INSERT OR IGNORE INTO pending_evaluations (revision_id, queued_at) "
      "SELECT s.current_revision_id, ?1 FROM factcheck_pages p JOIN stories s ON s.id = p.story_id "
      "WHERE p.retry_at IS NOT NULL AND p.retry_at <= ?1 AND s.current_revision_id IS NOT NULL");
  queue->bind(1, now);
  queue->run();
  const int queued = m_db.changes();
  auto clear = m_db.cached(
      "UPDATE factcheck_pages SET retry_at = NULL WHERE retry_at IS NOT NULL AND retry_at <= ?1");
  clear->bind(1, now);
  clear->run();
  tx.commit();
  return queued;
}

std::vector<FactcheckItem> FactcheckPages::pending() const {
  auto st = m_db.cached(
      "SELECT f.id, f.url, s.id, r.id, s.link, "
      "CASE WHEN p.url = s.link THEN p.etag ELSE '' END, "
      "CASE WHEN p.url = s.link THEN p.last_modified ELSE '' END, "
      "CASE WHEN p.url = s.link THEN p.body_hash ELSE '' END, coalesce(p.error_count, 0) "
      "FROM pending_evaluations q JOIN story_revisions r ON r.id = q.revision_id "
      "JOIN stories s ON s.id = r.story_id JOIN feeds f ON f.id = s.feed_id "
      "LEFT JOIN factcheck_pages p ON p.story_id = s.id "
      "WHERE f.kind = 'factcheck' ORDER BY coalesce(s.published_at, s.first_seen_at), r.id");
  std::vector<FactcheckItem> out;
  while (st->step()) {
    FactcheckItem i;
    i.feed_id = st->column_int64(0);
    i.feed_url = st->column_text(1);
    i.story_id = st->column_int64(2);
    i.revision_id = st->column_int64(3);
    i.link = st->column_text(4);
    i.etag = st->column_text(5);
    i.last_modified = st->column_text(6);
    i.body_hash = st->column_text(7);
    i.error_count = st->column_int(8);
    out.push_back(std::move(i));
  }
  return out;
}

void FactcheckPages::record_fetched(const PageFetched& p, TimePoint now) {
  Transaction tx(m_db, "record fact-check page " + p.url);
  auto st = m_db.cached(
      "INSERT INTO factcheck_pages (story_id, url, etag, last_modified, body_hash, revision_id, "
      "reviews, fetched_at, last_http_status, last_error, error_count, retry_at, reviews_json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?7 END, ?8, ?9, ?10, '', 0, NULL, "
      "CASE WHEN ?6 THEN ?11 END) "
      "ON CONFLICT (story_id) DO UPDATE SET url = excluded.url, etag = excluded.etag, "
      "last_modified = excluded.last_modified, body_hash = excluded.body_hash, "
      "revision_id = CASE WHEN ?6 THEN excluded.revision_id ELSE factcheck_pages.revision_id END, "
      "reviews = CASE WHEN ?6 THEN excluded.reviews ELSE factcheck_pages.reviews END, "
      "reviews_json = CASE WHEN ?6 THEN excluded.reviews_json "
      "ELSE factcheck_pages.reviews_json END, "
      "fetched_at = excluded.fetched_at, last_http_status = excluded.last_http_status, "
      "last_error = '', error_count = 0, retry_at = NULL");
  st->bind(1, p.story_id).bind(2, p.url).bind(3, p.etag).bind(4, p.last_modified);
  st->bind(5, p.body_hash).bind(6, p.judged).bind(7, p.revision_id).bind(8, p.reviews);
  st->bind(9, now).bind(10, p.http_status).bind(11, p.reviews_json);
  st->run();
  tx.commit();
}

void FactcheckPages::record_failure(std::int64_t story_id, std::string_view url, int http_status,
                                    std::string_view error, std::optional<TimePoint> retry_at) {
  Transaction tx(m_db, "record failed fact-check page " + std::string(url));
  auto st = m_db.cached(
      "INSERT INTO factcheck_pages (story_id, url, last_http_status, last_error, error_count, "
      "retry_at) VALUES (?1, ?2, ?3, ?4, 1, ?5) "
      "ON CONFLICT (story_id) DO UPDATE SET last_http_status = excluded.last_http_status, "
      "last_error = excluded.last_error, error_count = factcheck_pages.error_count + 1, "
      "retry_at = excluded.retry_at");
  st->bind(1, story_id).bind(2, url).bind(3, http_status).bind(4, error).bind(5, retry_at);
  st->run();
  tx.commit();
}

std::optional<FactcheckPage> FactcheckPages::page(std::string_view url) const {
  auto st = m_db.cached(
      "SELECT story_id, url, revision_id, reviews, last_http_status, last_error, error_count, "
      "retry_at FROM factcheck_pages WHERE url = ?1 ORDER BY story_id DESC LIMIT 1");
  st->bind(1, url);
  if (!st->step()) {
    return std::nullopt;
  }
  FactcheckPage p;
  p.story_id = st->column_int64(0);
  p.url = st->column_text(1);
  p.revision_id = st->optional_int64(2);
  p.reviews = st->column_int(3);
  p.last_http_status = st->column_int(4);
  p.last_error = st->column_text(5);
  p.error_count = st->column_int(6);
  p.retry_at = st->optional_time(7);
  return p;
}

std::optional<StoredReviews> FactcheckPages::stored_reviews(std::int64_t story_id) const {
  auto st = m_db.cached(
      "SELECT url, reviews_json FROM factcheck_pages WHERE story_id = ?1 "
      "AND revision_id IS NOT NULL");
  st->bind(1, story_id);
  if (!st->step()) {
    return std::nullopt;
  }
  return StoredReviews{st->column_text(0), st->optional_text(1)};
}

std::vector<std::string> FactcheckPages::claims_of_link(std::string_view url) const {
  std::vector<std::string> out;
  if (url.empty()) {
    return out;
  }
  auto st = m_db.cached(
      "SELECT DISTINCT m.claim_id FROM stories s JOIN matches m ON m.story_id = s.id "
      "JOIN claims c ON c.id = m.claim_id WHERE s.link = ?1 AND c.retired_at IS NULL "
      "ORDER BY m.claim_id");
  st->bind(1, url);
  while (st->step()) {
    out.push_back(st->column_text(0));
  }
  return out;
}

}  // namespace hw::storage
