#include "storage/digest_outbox.h"

#include "storage/alert_rows.h"
#include "storage/mention_counts.h"
#include "storage/transaction.h"

namespace hw::storage {
namespace {

std::string compact_time(TimePoint t) {
  std::string s = format_utc(t);  // 2026-11-26T08:00:00Z -> 20261126T080000Z
  std::string out;
  for (char c : s) {
    if (c != '-' && c != ':') {
      out += c;
    }
  }
  return out;
}

}  // namespace

DigestOutbox::DigestOutbox(Database& db) : m_db(db) {}

std::vector<AlertRecord> DigestOutbox::alerts_where_digest(
    std::optional<std::int64_t> digest_id) const {
  std::vector<AlertRecord> out;
  if (digest_id) {
    auto st = m_db.cached(std::string(kAlertColumns) +
                          "WHERE id IN (SELECT id FROM alerts WHERE digest_id = ?1) ORDER BY id");
    st->bind(1, *digest_id);
    while (st->step()) {
      out.push_back(read_alert(*st));
    }
  } else {
    // Backfill alerts (old evidence for a new or changed claim) never go out as news.
    auto st = m_db.cached(std::string(kAlertColumns) +
                          "WHERE delivered_at IS NULL AND backfill = 0 ORDER BY id");
    while (st->step()) {
      out.push_back(read_alert(*st));
    }
  }
  return out;
}

std::optional<DigestBatch> DigestOutbox::pending() const {
  DigestBatch b;
  {
    auto st = m_db.cached(
        "SELECT id, message_id, created_at, attempts, last_error, next_attempt_at FROM digests "
        "WHERE sent_at IS NULL ORDER BY id LIMIT 1");
    if (!st->step()) {
      return std::nullopt;
    }
    b.id = st->column_int64(0);
    b.message_id = st->column_text(1);
    b.created_at = st->column_time(2);
    b.attempts = st->column_int(3);
    b.last_error = st->column_text(4);
    b.next_attempt_at = st->optional_time(5);
  }
  b.alerts = alerts_where_digest(b.id);
  return b;
}

std::optional<DigestBatch> DigestOutbox::create(const std::string& host, TimePoint now) {
  std::int64_t id = 0;
  std::string message_id;
  {
    Transaction tx(m_db, "create digest");
    {
      auto count = m_db.cached(
          "SELECT count(*) FROM alerts WHERE delivered_at IS NULL AND digest_id IS NULL "
          "AND backfill = 0");
      count->step();
      if (count->column_int64(0) == 0) {
        return std::nullopt;
      }
    }
    {
      auto next = m_db.cached("SELECT coalesce(max(id), 0) + 1 FROM digests");
      next->step();
      id = next->column_int64(0);
    }
    message_id = "<hypewatch.digest." + std::to_string(id) + "." + compact_time(now) + "@" +
                 (host.empty() ? std::string("localhost") : host) + ">";
    {
      auto ins =
          m_db.cached("INSERT INTO digests (id, message_id, created_at) VALUES (?1, ?2, ?3)");
      ins->bind(1, id).bind(2, message_id).bind(3, now);
      ins->run();
    }
    {
      auto upd = m_db.cached(
          "UPDATE alerts SET digest_id = ?1 WHERE delivered_at IS NULL AND digest_id IS NULL "
          "AND backfill = 0");
      upd->bind(1, id);
      upd->run();
    }
    tx.commit();
  }
  DigestBatch b;
  b.id = id;
  b.message_id = message_id;
  b.created_at = now;
  b.alerts = alerts_where_digest(id);
  return b;
}

void DigestOutbox::mark_sent(std::int64_t digest_id, TimePoint at) {
  Transaction tx(m_db, "mark digest " + std::to_string(digest_id) + " sent");
  {
    auto st = m_db.cached(
        "UPDATE digests SET sent_at = ?2, attempts = attempts + 1, last_error = '', "
        "next_attempt_at = NULL WHERE id = ?1 AND sent_at IS NULL");
    st->bind(1, digest_id).bind(2, at);
    st->run();
  }
  {
    auto st = m_db.cached(
        "UPDATE alerts SET delivered_at = ?2, delivery_attempts = delivery_attempts + 1, "
        "last_delivery_error = '' WHERE digest_id = ?1 AND delivered_at IS NULL");
    st->bind(1, digest_id).bind(2, at);
    st->run();
  }
  tx.commit();
}

void DigestOutbox::record_failure(std::int64_t digest_id, const std::string& error,
                                  TimePoint next_attempt_at) {
  Transaction tx(m_db, "record digest " + std::to_string(digest_id) + " failure");
  {
    auto st = m_db.cached(
        "UPDATE digests SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 "
        "WHERE id = ?1");
    st->bind(1, digest_id).bind(2, error).bind(3, next_attempt_at);
    st->run();
  }
  {
    auto st = m_db.cached(
        "UPDATE alerts SET delivery_attempts = delivery_attempts + 1, last_delivery_error = ?2 "
        "WHERE digest_id = ?1 AND delivered_at IS NULL");
    st->bind(1, digest_id).bind(2, error);
    st->run();
  }
  tx.commit();
}

std::vector<AlertRecord> DigestOutbox::undelivered() const {
  return alerts_where_digest({});
}

std::vector<MentionSeries> DigestOutbox::mentions(const std::vector<std::string>& claim_ids,
                                                  int days, TimePoint now) const {
  // UTC days through the mention count's right-closed windows: each ends at 23:59:59, so a
  // story at midnight opens its day (times are whole seconds).
  const auto today = std::chrono::floor<std::chrono::days>(now);
  const MentionWindows windows{today + std::chrono::days(1) - std::chrono::seconds(1),
                               std::chrono::hours(24), days};
  std::vector<MentionSeries> out;
  for (const auto& claim : claim_ids) {
    out.push_back({claim, mention_counts(m_db, claim, windows)});
  }
  return out;
}

std::map<std::string, std::string> DigestOutbox::statements() const {
  std::map<std::string, std::string> out;
  auto st = m_db.cached("SELECT id, statement FROM claims");
  while (st->step()) {
    out[st->column_text(0)] = st->column_text(1);
  }
  return out;
}

}  // namespace hw::storage
