#include "app/webhook_delivery.h"

#include <algorithm>

#include "alerts/webhook_payload.h"
#include "alerts/webhook_secret.h"
#include "alerts/webhook_sender.h"
#include "storage/webhook_outbox.h"
#include "util/backoff.h"
#include "util/log.h"

namespace hw::app {
namespace {

void earliest(std::optional<TimePoint>& slot, TimePoint t) {
  if (!slot || t < *slot) {
    slot = t;
  }
}

}  // namespace

WebhookRound deliver_webhooks(const std::vector<WebhookConfig>& webhooks,
                              storage::Store& store, const Clock& clock) {
  WebhookRound round;
  if (webhooks.empty()) {
    return round;
  }
  storage::WebhookOutbox outbox(store.database());
  for (const auto& w : webhooks) {
    outbox.enqueue(w.url, w.kinds, clock.now());
    auto due = outbox.due(w.url, clock.now());
    if (due.empty()) {
      continue;
    }
    const auto secret = alerts::read_webhook_secret(w.secret);
    for (const auto& d : due) {
      alerts::WebhookRequest request;
      request.url = w.url;
      request.timeout = w.timeout;
      request.delivery_id = "alert-" + std::to_string(d.alert.id);
      request.body = alerts::webhook_body(d.alert.id, d.alert.alert);
      std::expected<void, Error> sent;
      if (secret) {
        request.secret = *secret;
        sent = alerts::post_webhook(request);
      } else {
        sent = std::unexpected(secret.error());  // never POST unsigned when a secret is set
      }
      const TimePoint now = clock.now();
      if (sent) {
        outbox.mark_delivered(d.alert.id, w.url, now);
        ++round.delivered;
        log::info("alerts", "webhook delivered",
                  {{"url", w.url}, {"alert", std::to_string(d.alert.id)}});
        continue;
      }
      const TimePoint retry = now + exponential_backoff(w.retry_min, d.attempts + 1, w.retry_max);
      outbox.record_failure(d.alert.id, w.url, sent.error().message, retry);
      ++round.failed;
      log::warning("alerts", "webhook not delivered, will retry",
                   {{"url", w.url},
                    {"alert", std::to_string(d.alert.id)},
                    {"attempts", std::to_string(d.attempts + 1)},
                    {"error", sent.error().message},
                    {"retry_at", format_utc(retry)}});
      break;
    }
  }
  if (auto next = outbox.next_attempt()) {
    earliest(round.next_attempt_at, *next);
  }
  return round;
}

}  // namespace hw::app
