#pragma once
// The alerts aggregate, as the shell reads it. Alerts are written with what raised them
// (ClaimLedger::record_evaluation, FeedStore::record_feed_alert); their delivery state is
// written only by the outboxes over the same connection (DigestOutbox, WebhookOutbox), the
// one path by which alerts leave.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/alert.h"
#include "storage/connection.h"
#include "util/time.h"

namespace hw::storage {

struct AlertRecord {
  std::int64_t id = 0;
  Alert alert;
  std::optional<TimePoint> delivered_at;
  int delivery_attempts = 0;
  std::string last_delivery_error;
};

class AlertStore {
 public:
  explicit AlertStore(Connection connection) : m_conn(connection) {}

  // Alerts, oldest first; undelivered_only: those the digest will send (not backfill).
  std::vector<AlertRecord> list_alerts(bool undelivered_only = false) const;

 private:
  Connection m_conn;
};

}  // namespace hw::storage
