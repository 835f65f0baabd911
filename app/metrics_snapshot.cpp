#include "app/metrics_snapshot.h"

#include "model/alert.h"
#include "model/claim.h"
#include "util/prometheus_text.h"

namespace hw::app {
namespace {

// Counts by label value, with every known value present (0 when the database has none).
template <typename Enum, std::size_t N>
std::map<std::string, std::int64_t> with_known(const std::map<std::string, std::int64_t>& found,
                                               const std::array<Enum, N>& known) {
  std::map<std::string, std::int64_t> out = found;
  for (Enum e : known) {
    out.try_emplace(std::string(to_string(e)), 0);
  }
  return out;
}

double as_double(std::int64_t n) {
  return static_cast<double>(n);
}

}  // namespace

void add_cycle(MetricsSnapshot& s, const CycleReport& report, double seconds, TimePoint ended) {
  ++s.cycles;
  s.fetched += report.fetched;
  s.not_modified += report.not_modified;
  s.fetch_failed += report.failed;
  for (const auto& [reason, n] : report.failures_by_reason) {
    s.failures_by_reason[reason] += n;
  }
  for (const auto& [status, n] : report.http_responses) {
    s.http_responses[status] += n;
  }
  s.stories_new += report.stories_new;
  s.stories_revised += report.stories_revised;
  for (std::size_t i = 0; i < kCycleDurationBuckets.size(); ++i) {
    if (seconds <= kCycleDurationBuckets[i]) {
      ++s.duration_buckets[i];
      break;
    }
  }
  s.duration_sum += seconds;
  s.last_cycle_seconds = seconds;
  s.last_cycle_end_time = as_double(ended.time_since_epoch().count());
}

std::string render_metrics(const MetricsSnapshot& s) {
  PrometheusText out;
  out.family("hypewatch_process_start_time_seconds", "gauge",
             "Start time of the hypewatchd process since the Unix epoch, in seconds.");
  out.sample("hypewatch_process_start_time_seconds", s.process_start_time);

  out.family("hypewatch_poll_cycles_total", "counter", "Poll cycles run to the end since start.");
  out.sample("hypewatch_poll_cycles_total", as_double(s.cycles));
  out.family("hypewatch_poll_cycles_aborted_total", "counter",
             "Poll cycles stopped by a database failure since start.");
  out.sample("hypewatch_poll_cycles_aborted_total", as_double(s.cycles_aborted));

  out.family("hypewatch_poll_cycle_duration_seconds", "histogram",
             "Duration of the poll cycles run since start, in seconds.");
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < kCycleDurationBuckets.size(); ++i) {
    cumulative += s.duration_buckets[i];
    out.sample("hypewatch_poll_cycle_duration_seconds_bucket",
               {{"le", format_sample_value(kCycleDurationBuckets[i])}}, as_double(cumulative));
  }
  out.sample("hypewatch_poll_cycle_duration_seconds_bucket", {{"le", "+Inf"}}, as_double(s.cycles));
  out.sample("hypewatch_poll_cycle_duration_seconds_sum", s.duration_sum);
  out.sample("hypewatch_poll_cycle_duration_seconds_count", as_double(s.cycles));

  // Gauges without a value yet are left out rather than shown as 0: a last-cycle time of 0
  // would read as "1970", and the series appearing is the signal that a cycle finished.
  out.family("hypewatch_last_cycle_duration_seconds", "gauge",
             "Duration of the latest poll cycle, in seconds.");
  if (s.last_cycle_seconds) {
    out.sample("hypewatch_last_cycle_duration_seconds", *s.last_cycle_seconds);
  }
  out.family("hypewatch_last_cycle_end_timestamp_seconds", "gauge",
             "End of the latest poll cycle since the Unix epoch, in seconds.");
  if (s.last_cycle_end_time) {
    out.sample("hypewatch_last_cycle_end_timestamp_seconds", *s.last_cycle_end_time);
  }

  out.family("hypewatch_fetches_total", "counter",
             "Feed fetches since start by outcome: fetched (new bytes parsed), not_modified (304 "
             "or the same body), failed (fetch or parse error).");
  out.sample("hypewatch_fetches_total", {{"outcome", "fetched"}}, as_double(s.fetched));
  out.sample("hypewatch_fetches_total", {{"outcome", "not_modified"}}, as_double(s.not_modified));
  out.sample("hypewatch_fetches_total", {{"outcome", "failed"}}, as_double(s.fetch_failed));

  out.family("hypewatch_fetch_failures_total", "counter",
             "Failed feed fetches since start by reason: the fetch error's kind (timeout, "
             "connect, http_status, too_large, …) or parse (the body is not a feed).");
  std::map<std::string, std::int64_t> reasons = s.failures_by_reason;
  for (const char* known : {"http_status", "timeout", "connect", "too_large", "parse"}) {
    reasons.try_emplace(known, 0);
  }
  for (const auto& [reason, n] : reasons) {
    out.sample("hypewatch_fetch_failures_total", {{"reason", reason}}, as_double(n));
  }
  out.family("hypewatch_http_responses_total", "counter",
             "HTTP responses to feed fetches since start, by status code.");
  for (const auto& [status, n] : s.http_responses) {
    out.sample("hypewatch_http_responses_total", {{"code", std::to_string(status)}}, as_double(n));
  }

  out.family("hypewatch_stories_new_total", "counter", "New stories stored since start.");
  out.sample("hypewatch_stories_new_total", as_double(s.stories_new));
  out.family("hypewatch_stories_revised_total", "counter",
             "Stored stories that changed (a new revision) since start.");
  out.sample("hypewatch_stories_revised_total", as_double(s.stories_revised));

  const storage::MetricCounts c = s.counts.value_or(storage::MetricCounts{});
  out.family("hypewatch_feeds", "gauge",
             "Feeds in the database by state: ok, failing (enabled, failing since its last "
             "success), disabled.");
  out.sample("hypewatch_feeds", {{"state", "ok"}}, as_double(c.feeds_ok));
  out.sample("hypewatch_feeds", {{"state", "failing"}}, as_double(c.feeds_failing));
  out.sample("hypewatch_feeds", {{"state", "disabled"}}, as_double(c.feeds_disabled));

  out.family("hypewatch_stories", "gauge", "Stories stored in the database.");
  out.sample("hypewatch_stories", as_double(c.stories));
  out.family("hypewatch_story_revisions", "gauge", "Story revisions stored in the database.");
  out.sample("hypewatch_story_revisions", as_double(c.revisions));

  // Rows of these tables are never deleted, so the stored counts only grow: counters that
  // survive restarts.
  out.family("hypewatch_matches_total", "counter", "Story x claim matches stored.");
  out.sample("hypewatch_matches_total", as_double(c.matches));
  out.family("hypewatch_alerts_total", "counter", "Alerts raised, by kind.");
  for (const auto& [kind, n] : with_known(c.alerts_by_kind, kAlertKinds)) {
    out.sample("hypewatch_alerts_total", {{"kind", kind}}, as_double(n));
  }

  out.family("hypewatch_claims", "gauge", "Claims of the claims file by status.");
  static constexpr std::array kStatuses{ClaimStatus::tracked,   ClaimStatus::reported,
                                        ClaimStatus::disputed,  ClaimStatus::clarified,
                                        ClaimStatus::confirmed, ClaimStatus::retracted};
  for (const auto& [status, n] : with_known(c.claims_by_status, kStatuses)) {
    out.sample("hypewatch_claims", {{"status", status}}, as_double(n));
  }
  out.family("hypewatch_status_changes_total", "counter",
             "Claim status changes recorded (engine and manual), by the status moved to.");
  for (const auto& [status, n] : with_known(c.status_changes_by_status, kStatuses)) {
    out.sample("hypewatch_status_changes_total", {{"to", status}}, as_double(n));
  }

  out.family("hypewatch_digest_pending_alerts", "gauge",
             "Alerts the digest has not delivered yet (backfill alerts excluded).");
  out.sample("hypewatch_digest_pending_alerts", as_double(c.digest_pending));
  out.family("hypewatch_webhook_pending_deliveries", "gauge",
             "Webhook deliveries (alert x endpoint) not yet accepted by their endpoint.");
  out.sample("hypewatch_webhook_pending_deliveries", as_double(c.webhook_pending));
  return out.text();
}

}  // namespace hw::app
