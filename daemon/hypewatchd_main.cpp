// hypewatchd: the daemon. Runs the poll cycle at the configured interval until SIGTERM/SIGINT;
// SIGHUP reloads config and claims (a bad new config is logged and the old one kept).
#include <signal.h>
#include <systemd/sd-daemon.h>

#include <boost/program_options.hpp>
#include <ctime>
#include <iostream>
#include <optional>

#include "daemon/app.h"
#include "daemon/poll_cycle.h"
#include "feeds/fetcher.h"
#include "rules/matcher.h"
#include "util/log.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

// Waits up to `timeout` for SIGTERM/SIGINT/SIGHUP (blocked in main, so they queue up while a
// cycle runs and are handled between cycles). Returns the signal, or 0 on timeout.
int wait_for_signal(std::chrono::seconds timeout) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  timespec ts{static_cast<time_t>(timeout.count()), 0};
  for (;;) {
    const int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig >= 0) {
      return sig;
    }
    if (errno == EAGAIN) {
      return 0;
    }
    // EINTR: another signal; keep waiting (the remaining time is not tracked: harmless here).
  }
}

int run(int argc, char** argv) {
  std::string config_arg, db_arg, level_arg;
  bool check_config = false, once = false;
  po::options_description desc("usage: hypewatchd [options]");
  desc.add_options()("help,h", "show this help")(
      "config", po::value(&config_arg)->value_name("FILE"),
      ("configuration file (default: " + hw::app::default_config_path().string() + ")").c_str())(
      "db", po::value(&db_arg)->value_name("FILE"),
      ("database (default: config's `database`, else " + hw::app::default_database_path().string() +
       ")")
          .c_str())("log-level", po::value(&level_arg)->value_name("LEVEL"),
                    "debug, info, warning or error (default: config's log_level, else info)")(
      "check-config", po::bool_switch(&check_config), "validate config and claims, then exit")(
      "once", po::bool_switch(&once), "run one cycle and exit");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "hypewatchd: " << e.what() << " (try `hypewatchd --help`)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }

  hw::app::PathOptions paths;
  if (!config_arg.empty()) {
    paths.config = config_arg;
  }
  if (!db_arg.empty()) {
    paths.db = db_arg;
  }
  const fs::path config_file = hw::app::config_path(paths);

  hw::app::Loaded loaded;
  try {
    loaded = hw::app::load_everything(config_file);
  } catch (const hw::Failure& e) {
    std::cerr << "hypewatchd: " << e.what() << "\n";
    return 1;
  }
  if (check_config) {
    std::cout << config_file.string() << ": OK (" << loaded.config.feeds.size() << " feeds, "
              << loaded.claims.size() << " claims)\n";
    return 0;
  }

  auto level = hw::log::level_from_string(level_arg.empty() ? loaded.config.log_level : level_arg);
  if (!level) {
    std::cerr << "hypewatchd: --log-level must be debug, info, warning or error\n";
    return 2;
  }
  hw::log::init(*level);

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_BLOCK, &set, nullptr);

  const fs::path db = hw::app::database_path(paths, &loaded.config);
  std::optional<hw::storage::Store> store;
  try {
    store.emplace(hw::app::open_for_write(db));
  } catch (const hw::Failure& e) {
    hw::log::error("daemon", "cannot open database", {{"db", db.string()}, {"error", e.what()}});
    return 1;
  }
  hw::log::info("daemon", "started",
                {{"config", config_file.string()},
                 {"db", db.string()},
                 {"feeds", std::to_string(loaded.config.feeds.size())},
                 {"claims", std::to_string(loaded.claims.size())}});
  sd_notify(0, "READY=1\nSTATUS=started");

  hw::feeds::Fetcher fetcher;
  hw::SystemClock clock;
  auto matcher = std::make_unique<hw::rules::Matcher>(loaded.claims);
  for (;;) {
    try {
      hw::app::PollCycle cycle(*store, fetcher, *matcher, clock);
      const auto report = cycle.run(loaded.config.feeds);
      const std::string status = "last cycle " + hw::format_utc(clock.now()) + ": " +
                                 std::to_string(report.feeds) + " feeds, " +
                                 std::to_string(report.failed) + " failed, " +
                                 std::to_string(report.alerts.size()) + " alerts";
      sd_notifyf(0, "STATUS=%s", status.c_str());
      hw::log::info("daemon", "cycle done",
                    {{"feeds", std::to_string(report.feeds)},
                     {"failed", std::to_string(report.failed)},
                     {"new", std::to_string(report.stories_new)},
                     {"alerts", std::to_string(report.alerts.size())}});
    } catch (const hw::Failure& e) {
      // Our database misbehaved (disk full, locked too long): log, keep the daemon alive and
      // try again next cycle; nothing committed is lost.
      hw::log::error("daemon", "cycle aborted", {{"error", e.what()}});
    }
    if (once) {
      break;
    }
    const int sig = wait_for_signal(loaded.config.poll_interval);
    if (sig == SIGTERM || sig == SIGINT) {
      break;
    }
    if (sig == SIGHUP) {
      sd_notify(0, "RELOADING=1");
      try {
        auto fresh = hw::app::load_everything(config_file);
        auto fresh_matcher = std::make_unique<hw::rules::Matcher>(fresh.claims);
        loaded = std::move(fresh);
        matcher = std::move(fresh_matcher);
        hw::log::info("daemon", "configuration reloaded",
                      {{"feeds", std::to_string(loaded.config.feeds.size())},
                       {"claims", std::to_string(loaded.claims.size())}});
      } catch (const hw::Failure& e) {
        hw::log::error("daemon", "reload rejected, keeping the previous configuration",
                       {{"config", config_file.string()}, {"error", e.what()}});
      }
      sd_notify(0, "READY=1");
    }
  }
  sd_notify(0, "STOPPING=1");
  hw::log::info("daemon", "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "hypewatchd: internal error: " << e.what() << "\n";
    return 70;
  }
}
