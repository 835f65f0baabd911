#pragma once
#include <filesystem>
#include <optional>
#include <vector>

#include "app/webhook_config.h"
#include "storage/store.h"
#include "util/time.h"

namespace hw::app {

struct WebhookRound {
  int delivered = 0;
  int failed = 0;
  // The earliest time a queued delivery may be retried; nullopt when none waits.
  std::optional<TimePoint> next_attempt_at;
};

// One delivery round over every configured webhook, through the outbox
// (storage/webhook_outbox.h): queue the alerts raised since the last round (kind filter
// applied), then POST each due one, oldest first. A failure backs that delivery off
// (retry_min doubling up to retry_max) and ends the endpoint's round, so a down endpoint costs
// one timeout per round and receives its alerts in order once it is back. Network failures
// are logged and counted, never thrown; a database failure throws StorageError.
WebhookRound deliver_webhooks(const std::vector<WebhookConfig>& webhooks,
                              storage::Store& store, const Clock& clock);

}  // namespace hw::app
