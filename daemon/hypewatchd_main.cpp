// hypewatchd: the daemon's command line. The life cycle itself is in daemon/daemon.cpp.
#include <boost/program_options.hpp>
#include <iostream>

#include "app/app.h"
#include "daemon/daemon.h"
#include "util/printable.h"

namespace po = boost::program_options;

namespace {

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

  hw::daemon::DaemonOptions options;
  if (!config_arg.empty()) {
    options.paths.config = config_arg;
  }
  if (!db_arg.empty()) {
    options.paths.db = db_arg;
  }
  options.config_file = hw::app::config_path(options.paths);
  options.once = once;
  if (!level_arg.empty()) {
    options.log_level = hw::log::level_from_string(level_arg);
    if (!options.log_level) {
      std::cerr << "hypewatchd: --log-level must be debug, info, warning or error\n";
      return 2;
    }
  }

  hw::app::Loaded loaded;
  try {
    loaded = hw::app::load_everything(options.config_file);
  } catch (const hw::Failure& e) {
    std::cerr << "hypewatchd: " << hw::printable(e.what()) << "\n";
    return 1;
  }
  if (check_config) {
    std::cout << options.config_file.string() << ": OK (" << loaded.config.feeds.size()
              << " feeds, " << loaded.claims.size() << " claims)\n";
    return 0;
  }
  const auto logging = hw::log::init(
      options.log_level.value_or(
          hw::log::level_from_string(loaded.config.log_level).value_or(hw::log::Level::info)),
      hw::log::Sink::automatic,
      loaded.config.log_file ? loaded.config.log_file->string() : std::string());
  if (!logging) {
    std::cerr << "hypewatchd: " << hw::printable(logging.error().message) << "\n";
    return 1;
  }

  hw::daemon::Daemon daemon(std::move(options), std::move(loaded));
  return daemon.run();
}

}  // namespace

int main(int argc, char** argv) {
  hw::app::keep_freed_memory();
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "hypewatchd: internal error: " << hw::printable(e.what()) << "\n";
    return 70;  // EX_SOFTWARE
  }
}
