#include "app/digest_delivery.h"

#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "alerts/digest.h"
#include "alerts/mime_message.h"
#include "util/backoff.h"
#include "util/log.h"

namespace hw::app {
namespace {

std::string hostname() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') {
    return "localhost";
  }
  return buf;
}

}  // namespace

DigestDelivery::DigestDelivery(const DigestConfig& config, storage::Store& store,
                               const Clock& clock)
    : m_config(config), m_store(store), m_outbox(store.database()), m_clock(clock) {}

alerts::DigestText DigestDelivery::render_text(const std::vector<storage::AlertRecord>& records) {
  alerts::DigestContent content;
  content.now = m_clock.now();
  content.statements = m_outbox.statements();
  std::vector<std::string> claims;
  for (const auto& r : records) {
    content.alerts.push_back({r.id, r.alert});
    if (!r.alert.claim_id.empty() &&
        std::find(claims.begin(), claims.end(), r.alert.claim_id) == claims.end()) {
      claims.push_back(r.alert.claim_id);
    }
  }
  // As `hypewatch claims` counts 24H/7D: up to the newest evidence when that is older.
  content.chart_end =
      std::min(content.now, m_store.stories().newest_evidence().value_or(content.now));
  for (auto& series : m_outbox.mentions(claims, m_config.chart_days, content.chart_end)) {
    content.mentions[series.claim_id] = std::move(series.per_day);
  }
  for (const auto& f : m_store.feeds().list_feeds()) {
    if (f.enabled && f.error_count > 0) {
      content.failing_feeds.push_back({f.url, f.error_count, f.last_error});
    }
  }
  return alerts::render_digest(content);
}

std::string DigestDelivery::render(const std::vector<storage::AlertRecord>& records,
                                   const std::string& message_id) {
  const auto text = render_text(records);
  alerts::MailEnvelope envelope{m_config.from.empty() ? "hypewatch@" + hostname() : m_config.from,
                                m_config.to, text.subject, message_id, m_clock.now()};
  return alerts::build_mime_message(envelope, text.text, text.html);
}

std::optional<alerts::DigestText> DigestDelivery::preview() {
  auto records = m_outbox.undelivered();
  if (records.empty()) {
    return std::nullopt;
  }
  return render_text(records);
}

DeliveryResult DigestDelivery::deliver(bool force) {
  DeliveryResult result;
  const TimePoint now = m_clock.now();
  auto batch = m_outbox.pending();
  if (batch && !force && batch->next_attempt_at && *batch->next_attempt_at > now) {
    result.outcome = DeliveryResult::Outcome::waiting_for_retry;
    result.next_attempt_at = batch->next_attempt_at;
    result.alerts = static_cast<int>(batch->alerts.size());
    return result;
  }
  if (!batch) {
    batch = m_outbox.create(hostname(), now);
  }
  if (!batch) {
    return result;
  }
  result.alerts = static_cast<int>(batch->alerts.size());
  result.message_id = batch->message_id;
  const std::string message = render(batch->alerts, batch->message_id);

  std::expected<void, Error> sent;
  if (m_config.smtp) {
    sent = alerts::send_smtp(*m_config.smtp, m_config.from, m_config.to, message);
  } else if (!m_config.sendmail.empty()) {
    sent = alerts::send_with_sendmail(m_config.sendmail, message);
  }
  if (!sent) {
    // `attempts` counts the earlier failures; this one is the next.
    const auto backoff =
        exponential_backoff(m_config.retry_min, batch->attempts + 1, m_config.retry_max);
    result.outcome = DeliveryResult::Outcome::failed;
    result.error = sent.error().message;
    result.next_attempt_at = now + backoff;
    m_outbox.record_failure(batch->id, result.error, *result.next_attempt_at);
    log::error("alerts", "digest not delivered, will retry",
               {{"message_id", batch->message_id},
                {"alerts", std::to_string(result.alerts)},
                {"error", result.error},
                {"retry_at", format_utc(*result.next_attempt_at)}});
    return result;
  }
  if (m_config.log) {
    for (const auto& r : batch->alerts) {
      log::info("alerts", "digest: " + r.alert.claim_id + " " + r.alert.message,
                {{"alert", std::to_string(r.id)},
                 {"kind", std::string(to_string(r.alert.kind))},
                 {"claim", r.alert.claim_id},
                 {"status", std::string(to_string(r.alert.to))},
                 {"story", r.alert.story_link}});
    }
  }
  m_outbox.mark_sent(batch->id, now);
  log::info("alerts", "digest delivered",
            {{"message_id", batch->message_id},
             {"alerts", std::to_string(result.alerts)},
             {"via", m_config.smtp ? m_config.smtp->url
                                   : (m_config.sendmail.empty() ? "log" : m_config.sendmail)}});
  result.outcome = DeliveryResult::Outcome::sent;
  return result;
}

}  // namespace hw::app
