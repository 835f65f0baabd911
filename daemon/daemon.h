#pragma once
#include <filesystem>
#include <optional>

#include "app/app.h"
#include "util/log.h"

namespace hw::daemon {

struct DaemonOptions {
  std::filesystem::path config_file;
  app::PathOptions paths;
  std::optional<log::Level> log_level;  // --log-level; else the config's
  bool once = false;                    // one cycle, then exit (tests, cron)
};

// hypewatchd's life: open and migrate the database, report READY, run the poll cycle at the
// configured interval, reload on SIGHUP (keeping the old config if the new one is bad), ping
// the watchdog, and on SIGTERM abandon in-flight transfers, commit and exit 0.
class Daemon {
 public:
  Daemon(DaemonOptions options, app::Loaded loaded);
  int run();

 private:
  void reload();

  DaemonOptions m_options;
  app::Loaded m_loaded;
};

}  // namespace hw::daemon
