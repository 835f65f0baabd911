#include "daemon/notifier.h"

#include <systemd/sd-daemon.h>
#include <time.h>

#include "util/log.h"

namespace hw::daemon {

Notifier::Notifier() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    m_watchdog_period = std::chrono::milliseconds(usec / 2000);
  }
}

void Notifier::send(const std::string& message) {
  const int r = sd_notify(0, message.c_str());
  if (r < 0) {
    log::warning("daemon", "sd_notify failed",
                 {{"message", message}, {"errno", std::to_string(-r)}});
  }
}

void Notifier::ready(const std::string& status) {
  send("READY=1\nSTATUS=" + status);
}

void Notifier::status(const std::string& status) {
  send("STATUS=" + status);
}

void Notifier::reloading() {
  // MONOTONIC_USEC lets newer systemd (Type=notify-reload) match the reload to this request.
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  const auto usec = static_cast<unsigned long long>(ts.tv_sec) * 1000000ULL +
                    static_cast<unsigned long long>(ts.tv_nsec) / 1000ULL;
  send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec) + "\nSTATUS=reloading");
}

void Notifier::stopping() {
  send("STOPPING=1\nSTATUS=stopping");
}

void Notifier::watchdog() {
  send("WATCHDOG=1");
}

}  // namespace hw::daemon
