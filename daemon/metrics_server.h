#pragma once
// hypewatchd's Prometheus endpoint (README "Metrics"): libmicrohttpd on its own thread answers
// GET/HEAD /metrics from the MetricsBoard's latest snapshot; every other path is 404, every
// other method 405. It never touches the database, so a scrape cannot slow the poll loop.
#include <memory>

#include "app/metrics_config.h"
#include "app/metrics_snapshot.h"
#include "util/error.h"

struct MHD_Daemon;

namespace hw::daemon {

class MetricsServer {
 public:
  // Binds `address` and starts serving `board` (which must outlive the server). An error names
  // the address and why, e.g. "metrics listener 127.0.0.1:9464: Address already in use".
  static Expected<MetricsServer> start(const app::ListenAddress& address,
                                       const app::MetricsBoard& board);

  MetricsServer(MetricsServer&&) noexcept;
  MetricsServer& operator=(MetricsServer&&) noexcept;
  ~MetricsServer();  // stops the thread and closes the socket

  struct State;  // what the handler thread reads; defined in the .cpp

 private:
  struct StopDaemon {
    void operator()(MHD_Daemon* daemon) const;
  };
  MetricsServer(std::unique_ptr<State> state, std::unique_ptr<MHD_Daemon, StopDaemon> daemon);

  // Declared before m_daemon: the daemon, whose thread uses the state, is stopped first.
  std::unique_ptr<State> m_state;
  std::unique_ptr<MHD_Daemon, StopDaemon> m_daemon;
};

}  // namespace hw::daemon
