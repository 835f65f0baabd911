#pragma once
// The daemon's metrics (README "Metrics"): the board the poll loop updates and, when
// [metrics] listen is set, the listener serving it. Disabled, every call is a no-op and costs
// nothing: no thread, no socket, no extra queries.
#include <optional>

#include "app/metrics_config.h"
#include "app/metrics_snapshot.h"
#include "daemon/metrics_server.h"
#include "storage/store.h"

namespace hw::daemon {

class DaemonMetrics {
 public:
  // Starts the listener. A listener that cannot start (port taken, address not on this host)
  // is logged as an error and the daemon goes on without metrics: watching the news matters
  // more than being watched, and the scraper's "target down" plus the journal say why.
  explicit DaemonMetrics(const app::MetricsConfig& config);

  bool enabled() const { return m_server.has_value(); }
  // A cycle ended after `seconds`; the store's counts are read on the loop's own thread.
  void cycle_done(const app::CycleReport& report, double seconds, TimePoint ended,
                  storage::Store& store);
  void cycle_aborted();
  // The outboxes changed (digest or webhook delivery): the pending counts are read again.
  void refresh(storage::Store& store);
  // The listener keeps its address until restart; a changed `listen` is reported, not applied.
  void reloaded(const app::MetricsConfig& config) const;

 private:
  app::MetricsConfig m_config;
  app::MetricsBoard m_board;  // before m_server, which reads it: destroyed after the server stops
  std::optional<MetricsServer> m_server;
};

}  // namespace hw::daemon
