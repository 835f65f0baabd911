#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "alerts/digest.h"
#include "app/digest_config.h"
#include "storage/digest_outbox.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

struct DeliveryResult {
  enum class Outcome { nothing_to_send, sent, failed, waiting_for_retry };
  Outcome outcome = Outcome::nothing_to_send;
  int alerts = 0;
  std::string message_id;
  std::string error;  // failed: why (SMTP URL and reason, sendmail status)
  std::optional<TimePoint> next_attempt_at;
};

// Sends undelivered alerts as one digest through the outbox (storage/digest_outbox.h): a digest
// is frozen before the first attempt, retried with exponential backoff (retry_min doubling up
// to retry_max) until the mail system accepts it, and only then are its alerts marked
// delivered.
class DigestDelivery {
 public:
  // Over a read-only store only preview() may be called.
  DigestDelivery(const DigestConfig& config, storage::Store& store, const Clock& clock);

  // `force`: ignore the retry backoff (hypewatch digest --send).
  DeliveryResult deliver(bool force = false);
  // The digest that would be sent now (nullopt when no alert is undelivered); changes nothing.
  std::optional<alerts::DigestText> preview();

 private:
  alerts::DigestText render_text(const std::vector<storage::AlertRecord>& alerts);
  std::string render(const std::vector<storage::AlertRecord>& alerts,
                     const std::string& message_id);

  const DigestConfig& m_config;
  storage::Store& m_store;
  storage::DigestOutbox m_outbox;
  const Clock& m_clock;
};

}  // namespace hw::app
