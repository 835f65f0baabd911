#include "storage/webhook_outbox.h"

#include <algorithm>

#include "storage/alert_rows.h"
#include "storage/transaction.h"

namespace hw::storage {

WebhookOutbox::WebhookOutbox(Database& db) : m_db(db) {}

int WebhookOutbox::enqueue(const std::string& endpoint, const std::vector<AlertKind>& kinds,
                           TimePoint now) {
  Transaction tx(m_db, "queue alerts for webhook " + endpoint);
  std::int64_t newest = 0;
  {
    auto st = m_db.cached("SELECT coalesce(max(id), 0) FROM alerts");
    st->step();
    newest = st->column_int64(0);
  }
  std::optional<std::int64_t> offered;
  {
    auto st = m_db.cached("SELECT offered_through FROM webhook_endpoints WHERE url = ?1");
    st->bind(1, endpoint);
    if (st->step()) {
      offered = st->column_int64(0);
    }
  }
  if (!offered) {
    auto st = m_db.cached(
        "INSERT INTO webhook_endpoints (url, offered_through, created_at) VALUES (?1, ?2, ?3)");
    st->bind(1, endpoint).bind(2, newest).bind(3, now);
    st->run();
    tx.commit();
    return 0;
  }
  int queued = 0;
  {
    auto select = m_db.cached(
        "SELECT id, kind FROM alerts WHERE id > ?1 AND id <= ?2 AND backfill = 0 ORDER BY id");
    select->bind(1, *offered).bind(2, newest);
    std::vector<std::int64_t> ids;
    while (select->step()) {
      const std::string kind = select->column_text(1);
      const bool wanted = kinds.empty() || std::ranges::any_of(kinds, [&](AlertKind k) {
                            return to_string(k) == kind;
                          });
      if (wanted) {
        ids.push_back(select->column_int64(0));
      }
    }
    for (const auto id : ids) {
      auto ins = m_db.cached(
          "INSERT OR IGNORE INTO webhook_deliveries (alert_id, endpoint, created_at) "
          "VALUES (?1, ?2, ?3)");
      ins->bind(1, id).bind(2, endpoint).bind(3, now);
      ins->run();
      ++queued;
    }
  }
  {
    auto st = m_db.cached("UPDATE webhook_endpoints SET offered_through = ?2 WHERE url = ?1");
    st->bind(1, endpoint).bind(2, newest);
    st->run();
  }
  tx.commit();
  return queued;
}

std::vector<WebhookDelivery> WebhookOutbox::due(const std::string& endpoint, TimePoint now,
                                                std::size_t limit) const {
  std::vector<WebhookDelivery> out;
  {
    // In alert order, stopping at the first one still backing off: an endpoint receives its
    // alerts in the order they were raised.
    auto st = m_db.cached(
        "SELECT alert_id, attempts, last_error, next_attempt_at FROM webhook_deliveries "
        "WHERE endpoint = ?1 AND delivered_at IS NULL ORDER BY alert_id LIMIT ?2");
    st->bind(1, endpoint).bind(2, static_cast<std::int64_t>(limit));
    while (st->step()) {
      if (const auto retry = st->optional_time(3); retry && *retry > now) {
        break;
      }
      WebhookDelivery d;
      d.endpoint = endpoint;
      d.alert.id = st->column_int64(0);
      d.attempts = st->column_int(1);
      d.last_error = st->column_text(2);
      d.next_attempt_at = st->optional_time(3);
      out.push_back(std::move(d));
    }
  }
  for (auto& d : out) {
    auto st = m_db.cached(std::string(kAlertColumns) + "WHERE id = ?1");
    st->bind(1, d.alert.id);
    if (st->step()) {
      d.alert = read_alert(*st);
    }
  }
  return out;
}

void WebhookOutbox::mark_delivered(std::int64_t alert_id, const std::string& endpoint,
                                   TimePoint at) {
  Transaction tx(m_db, "mark alert " + std::to_string(alert_id) + " delivered to " + endpoint);
  auto st = m_db.cached(
      "UPDATE webhook_deliveries SET delivered_at = ?3, attempts = attempts + 1, "
      "last_error = '', next_attempt_at = NULL "
      "WHERE alert_id = ?1 AND endpoint = ?2 AND delivered_at IS NULL");
  st->bind(1, alert_id).bind(2, endpoint).bind(3, at);
  st->run();
  tx.commit();
}

void WebhookOutbox::record_failure(std::int64_t alert_id, const std::string& endpoint,
                                   const std::string& error, TimePoint next_attempt_at) {
  Transaction tx(m_db, "record webhook failure of alert " + std::to_string(alert_id));
  auto st = m_db.cached(
      "UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ?3, "
      "next_attempt_at = ?4 WHERE alert_id = ?1 AND endpoint = ?2 AND delivered_at IS NULL");
  st->bind(1, alert_id).bind(2, endpoint).bind(3, error).bind(4, next_attempt_at);
  st->run();
  tx.commit();
}

std::int64_t WebhookOutbox::undelivered() const {
  auto st = m_db.cached("SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL");
  st->step();
  return st->column_int64(0);
}

std::optional<TimePoint> WebhookOutbox::next_attempt() const {
  auto st = m_db.cached(
      "SELECT min(next_attempt_at) FROM webhook_deliveries WHERE delivered_at IS NULL");
  st->step();
  return st->optional_time(0);
}

}  // namespace hw::storage
