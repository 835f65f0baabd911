#pragma once
// The webhook outbox (docs/schema.md, `webhook_deliveries`): one row per (alert, endpoint),
// written before the first POST and stamped delivered in the transaction that records the
// endpoint's 2xx. Retries re-send the same body; a delivered row is never sent again, across
// restarts too. Like the digest, the one gap is a crash between the endpoint's 2xx and our
// commit: the alert then goes again with the same X-Hypewatch-Delivery id (README, "Webhooks").
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/alert.h"
#include "storage/database.h"
#include "storage/store.h"

namespace hw::storage {

struct WebhookDelivery {
  std::string endpoint;
  int attempts = 0;  // before this one
  std::string last_error;
  std::optional<TimePoint> next_attempt_at;
  AlertRecord alert;
};

class WebhookOutbox {
 public:
  // Works over the store's connection (Store::database()), like DigestOutbox.
  explicit WebhookOutbox(Database& db);

  // Queues for `endpoint` every alert raised since it was last offered alerts whose kind is in
  // `kinds` (all kinds when empty); backfill alerts never. An endpoint seen for the first time
  // is offered only alerts raised from now on. Returns how many were queued.
  int enqueue(const std::string& endpoint, const std::vector<AlertKind>& kinds, TimePoint now);
  // Undelivered rows of `endpoint`, oldest alert first, up to the first one whose backoff has
  // not passed yet (so an endpoint gets its alerts in order).
  std::vector<WebhookDelivery> due(const std::string& endpoint, TimePoint now,
                                   std::size_t limit = 100) const;
  // The endpoint accepted the alert (2xx).
  void mark_delivered(std::int64_t alert_id, const std::string& endpoint, TimePoint at);
  // The POST failed: count it, keep the reason, retry no earlier than `next_attempt_at`.
  void record_failure(std::int64_t alert_id, const std::string& endpoint,
                      const std::string& error, TimePoint next_attempt_at);
  // Rows not yet delivered, over all endpoints.
  std::int64_t undelivered() const;
  // The earliest retry time of an undelivered row; nullopt when none waits for one.
  std::optional<TimePoint> next_attempt() const;

 private:
  Database& m_db;
};

}  // namespace hw::storage
