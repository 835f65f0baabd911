#include "daemon/daemon.h"

#include <memory>

#include "app/digest_delivery.h"
#include "app/learned_wording.h"
#include "app/poll_cycle.h"
#include "app/scheduler.h"
#include "app/webhook_delivery.h"
#include "daemon/daemon_metrics.h"
#include "daemon/notifier.h"
#include "daemon/signal_watcher.h"
#include "feeds/fetcher.h"
#include "rules/matcher.h"

namespace hw::daemon {
namespace {

using Steady = std::chrono::steady_clock;

// Short enough for `systemctl status`: what ran, what failed, when the next feed is due, and
// how many alerts still wait for the digest.
std::string status_line(std::size_t feeds, const app::CycleReport& r, TimePoint at,
                        std::int64_t pending_alerts) {
  std::string line = std::to_string(feeds) + " feeds; last cycle " + format_utc(at) + ": " +
                     std::to_string(r.feeds - r.not_due) + " polled, " + std::to_string(r.failed) +
                     " failing, " + std::to_string(r.stories_new) + " new stories; ";
  if (r.next_due) {
    line += "next due " + format_utc(*r.next_due) + "; ";
  }
  return line + std::to_string(pending_alerts) + " alerts undelivered";
}

}  // namespace

Daemon::Daemon(DaemonOptions options, app::Loaded loaded)
    : m_options(std::move(options)), m_loaded(std::move(loaded)) {}

int Daemon::run() {
  SignalWatcher signals;  // first: blocks the signals before any other thread exists
  Notifier notifier;

  const auto db = app::database_path(m_options.paths, &m_loaded.config);
  // The lock first and for the daemon's whole life: a second daemon or a `poll --once` on
  // the same database is refused before it evaluates anything.
  std::optional<storage::WriterLock> lock;
  std::optional<storage::Store> store;
  try {
    lock.emplace(app::take_writer_lock(db));
    store.emplace(app::open_for_write(db));
  } catch (const Failure& e) {
    log::error("daemon", "cannot open database", {{"db", db.string()}, {"error", e.what()}});
    return 1;
  }
  log::info("daemon", "started",
            {{"config", m_options.config_file.string()},
             {"db", db.string()},
             {"feeds", std::to_string(m_loaded.config.feeds.size())},
             {"claims", std::to_string(m_loaded.claims.size())}});
  notifier.ready(std::to_string(m_loaded.config.feeds.size()) + " feeds; first cycle starting");

  // Limits from [fetch]; they take effect at start (a reload keeps the running fetcher).
  feeds::FetchOptions fetch_options = app::fetch_options_for(m_loaded.config);
  fetch_options.cancel = &signals.stop_requested();
  feeds::Fetcher fetcher(fetch_options);
  SystemClock clock;
  auto matcher = std::make_unique<rules::Matcher>(m_loaded.claims);
  app::learn_from_stored_matches(*store, *matcher);
  auto next_digest = Steady::now() + m_loaded.config.digest.interval;
  log::RepeatLimiter repeats;
  DaemonMetrics metrics(m_loaded.config.metrics);  // [metrics]: off unless listen is set

  // Digest delivery failures are retried on their own schedule; a mail server that is down
  // never stops polling.
  auto deliver_digest = [&] {
    try {
      app::DigestDelivery delivery(m_loaded.config.digest, *store, clock);
      const auto r = delivery.deliver();
      next_digest = Steady::now() + m_loaded.config.digest.interval;
      if (r.next_attempt_at) {
        const auto retry_in = *r.next_attempt_at - clock.now();
        next_digest = std::min(next_digest, Steady::now() + retry_in);
      }
    } catch (const Failure& e) {
      log::error("alerts", "digest aborted", {{"error", e.what()}});
      next_digest = Steady::now() + m_loaded.config.digest.retry_min;
    }
  };

  // Webhooks: after every cycle, and when a failed delivery's backoff ends (README, "Webhooks").
  auto next_webhooks = Steady::time_point::max();
  auto deliver_hooks = [&] {
    next_webhooks = Steady::time_point::max();
    try {
      if (const auto r = app::deliver_webhooks(m_loaded.config.webhooks, *store, clock);
          r.next_attempt_at) {
        next_webhooks =
            Steady::now() + std::chrono::duration_cast<Steady::duration>(
                                std::max(*r.next_attempt_at - clock.now(), TimePoint::duration{}));
      }
    } catch (const Failure& e) {
      log::error("alerts", "webhook delivery aborted", {{"error", e.what()}});
      next_webhooks = Steady::now() + std::chrono::minutes(1);
    }
  };

  while (!signals.stop_requested()) {
    notifier.watchdog();
    // Until the earliest feed is due (scheduler.h); poll_interval bounds the sleep.
    std::chrono::seconds wait = m_loaded.config.poll_interval;
    try {
      app::PollCycle cycle(*store, fetcher, *matcher, clock);
      cycle.set_cancel(&signals.stop_requested());
      cycle.set_repeat_limiter(&repeats);
      cycle.set_scheduling(app::schedule_policy_for(m_loaded.config), /*due_only=*/true);
      cycle.set_factcheck(m_loaded.config.factcheck);
      cycle.set_sources(m_loaded.config.sources);
      const auto cycle_start = Steady::now();
      const auto report = cycle.run(m_loaded.config.feeds);
      const std::chrono::duration<double> took = Steady::now() - cycle_start;
      metrics.cycle_done(report, took.count(), clock.now(), *store);
      wait =
          app::wait_before_next_cycle(report.next_due, clock.now(), m_loaded.config.poll_interval);
      const auto pending = static_cast<std::int64_t>(store->alerts().list_alerts(true).size());
      notifier.status(status_line(m_loaded.config.feeds.size(), report, clock.now(), pending));
      log::info("daemon", "cycle done",
                {{"feeds", std::to_string(report.feeds)},
                 {"failed", std::to_string(report.failed)},
                 {"new", std::to_string(report.stories_new)},
                 {"revised", std::to_string(report.stories_revised)},
                 {"alerts", std::to_string(report.alerts.size())}});
    } catch (const Failure& e) {
      // Our own database misbehaved (disk full, locked too long): log it, stay up and try
      // again next cycle; every committed story/alert is still there.
      log::error("daemon", "cycle aborted", {{"error", e.what()}});
      metrics.cycle_aborted();
      notifier.status(std::string("last cycle aborted: ") + e.what());
    }
    deliver_hooks();
    if (m_options.once) {
      deliver_digest();
      break;
    }
    metrics.refresh(*store);  // after the deliveries: the outboxes' pending counts

    const auto next_cycle = Steady::now() + wait;
    while (!signals.stop_requested() && Steady::now() < next_cycle) {
      if (Steady::now() >= next_digest) {
        deliver_digest();
        metrics.refresh(*store);
      }
      if (Steady::now() >= next_webhooks) {
        deliver_hooks();
        metrics.refresh(*store);
      }
      auto wake = std::min({next_cycle, next_digest, next_webhooks});
      if (auto period = notifier.watchdog_period(); period && Steady::now() + *period < wake) {
        wake = Steady::now() + *period;
      }
      signals.wait_until(wake);
      notifier.watchdog();
      if (signals.take_reload()) {
        notifier.reloading();
        reload();
        metrics.reloaded(m_loaded.config.metrics);
        matcher = std::make_unique<rules::Matcher>(m_loaded.claims);
        app::learn_from_stored_matches(*store, *matcher);
        notifier.ready(std::to_string(m_loaded.config.feeds.size()) + " feeds; reloaded");
      }
    }
  }

  notifier.stopping();
  log::info("daemon", "stopped");
  return 0;
}

void Daemon::reload() {
  try {
    app::Loaded fresh = app::load_everything(m_options.config_file);
    if (!m_options.log_level) {
      if (auto level = log::level_from_string(fresh.config.log_level)) {
        const auto logging =
            log::init(*level, log::Sink::automatic,
                      fresh.config.log_file ? fresh.config.log_file->string() : std::string());
        if (!logging) {
          // The logging in place is untouched; so is the rest of the configuration.
          log::error(
              "daemon", "reload rejected, keeping the previous configuration",
              {{"config", m_options.config_file.string()}, {"error", logging.error().message}});
          return;
        }
      }
    }
    m_loaded = std::move(fresh);
    log::info("daemon", "configuration reloaded",
              {{"config", m_options.config_file.string()},
               {"feeds", std::to_string(m_loaded.config.feeds.size())},
               {"claims", std::to_string(m_loaded.claims.size())}});
  } catch (const Failure& e) {
    log::error("daemon", "reload rejected, keeping the previous configuration",
               {{"config", m_options.config_file.string()}, {"error", e.what()}});
  }
}

}  // namespace hw::daemon
