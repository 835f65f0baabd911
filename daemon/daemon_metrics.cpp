#include "daemon/daemon_metrics.h"

#include <chrono>

#include "storage/metric_counts.h"
#include "util/log.h"

namespace hw::daemon {
namespace {

std::string listen_text(const app::MetricsConfig& config) {
  return config.listen ? config.listen->to_string() : std::string("off");
}

// Read on the loop's own thread and connection, outside the board's lock: the listener waits
// for a copy, never for SQLite. A failure keeps the previous counts; the next read tries again.
std::optional<storage::MetricCounts> read_counts(storage::Store& store) {
  try {
    return storage::read_metric_counts(store.database());
  } catch (const Failure& e) {
    log::warning("daemon", "metrics counts not refreshed", {{"error", e.what()}});
    return std::nullopt;
  }
}

}  // namespace

DaemonMetrics::DaemonMetrics(const app::MetricsConfig& config) : m_config(config) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  m_board.update([&](app::MetricsSnapshot& s) {
    s.process_start_time = std::chrono::duration<double>(now).count();
  });
  if (!config.listen) {
    return;
  }
  auto server = MetricsServer::start(*config.listen, m_board);
  if (!server) {
    log::error("daemon", "metrics listener not started; running without metrics",
               {{"listen", config.listen->to_string()}, {"error", server.error().message}});
    return;
  }
  m_server.emplace(std::move(*server));
  log::info("daemon", "metrics listener started",
            {{"listen", config.listen->to_string()}, {"path", "/metrics"}});
}

void DaemonMetrics::cycle_done(const app::CycleReport& report, double seconds, TimePoint ended,
                               storage::Store& store) {
  if (!enabled()) {
    return;
  }
  const auto counts = read_counts(store);
  m_board.update([&](app::MetricsSnapshot& s) {
    app::add_cycle(s, report, seconds, ended);
    if (counts) {
      s.counts = counts;
    }
  });
}

void DaemonMetrics::cycle_aborted() {
  if (enabled()) {
    m_board.update([](app::MetricsSnapshot& s) { ++s.cycles_aborted; });
  }
}

void DaemonMetrics::refresh(storage::Store& store) {
  if (!enabled()) {
    return;
  }
  if (const auto counts = read_counts(store)) {
    m_board.update([&](app::MetricsSnapshot& s) { s.counts = counts; });
  }
}

void DaemonMetrics::reloaded(const app::MetricsConfig& config) const {
  if (listen_text(config) != listen_text(m_config)) {
    log::warning("daemon", "metrics listen changed; it takes effect at restart",
                 {{"running", listen_text(m_config)}, {"configured", listen_text(config)}});
  }
}

}  // namespace hw::daemon
