#pragma once
// What hypewatchd's GET /metrics shows (README "Metrics"): a small value the poll loop updates
// after each cycle and the metrics listener copies, so a scrape never waits for the loop, never
// makes the loop wait for longer than a copy, and never reads the database.
#include <array>
#include <map>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "app/poll_cycle.h"
#include "storage/metric_counts.h"

namespace hw::app {

// Upper bounds (seconds) of the cycle duration histogram's buckets, +Inf implied: a cycle of
// file:// feeds takes well under a second, one of a slow feed host up to the fetch timeout.
inline constexpr std::array<double, 10> kCycleDurationBuckets{0.1, 0.5, 1,  2.5, 5,
                                                              10,  30,  60, 120, 300};

struct MetricsSnapshot {
  double process_start_time = 0;  // Unix seconds
  // Since the process started (counters reset with it, as Prometheus expects).
  std::int64_t cycles = 0;          // poll cycles that ran to the end
  std::int64_t cycles_aborted = 0;  // cycles a database failure stopped (the daemon stays up)
  std::int64_t fetched = 0, not_modified = 0, fetch_failed = 0;
  std::map<std::string, std::int64_t> failures_by_reason;  // CycleReport::failures_by_reason
  std::map<int, std::int64_t> http_responses;              // HTTP status -> responses
  std::int64_t stories_new = 0, stories_revised = 0;
  std::array<std::int64_t, kCycleDurationBuckets.size()> duration_buckets{};  // not cumulative
  double duration_sum = 0;
  std::optional<double> last_cycle_seconds;   // none before the first cycle
  std::optional<double> last_cycle_end_time;  // Unix seconds
  // From the database after the latest cycle or delivery; none until the first read.
  std::optional<storage::MetricCounts> counts;
};

// Adds one finished cycle (its report, how long it took, when it ended).
void add_cycle(MetricsSnapshot& snapshot, const CycleReport& report, double seconds,
               TimePoint ended);

// The exposition text (util/prometheus_text.h). Every family is present from the first scrape,
// with zeroes for label values not seen yet, so dashboards and alert rules need no absent().
std::string render_metrics(const MetricsSnapshot& snapshot);

// The snapshot shared between the poll loop (writer) and the listener thread (reader).
class MetricsBoard {
 public:
  template <typename F>
  void update(F&& change) {
    std::lock_guard lock(m_mutex);
    change(m_snapshot);
  }
  MetricsSnapshot copy() const {
    std::lock_guard lock(m_mutex);
    return m_snapshot;
  }

 private:
  mutable std::mutex m_mutex;
  MetricsSnapshot m_snapshot;
};

}  // namespace hw::app
