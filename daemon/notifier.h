#pragma once
#include <chrono>
#include <optional>
#include <string>

namespace hw::daemon {

// The systemd notification protocol (sd_notify). Harmless outside systemd: with no
// NOTIFY_SOCKET every call does nothing.
class Notifier {
 public:
  Notifier();

  void ready(const std::string& status);
  void status(const std::string& status);
  void reloading();
  void stopping();
  void watchdog();
  // Half the WATCHDOG_USEC interval when the service manager expects pings, else nullopt.
  std::optional<std::chrono::milliseconds> watchdog_period() const { return m_watchdog_period; }

 private:
  void send(const std::string& message);
  std::optional<std::chrono::milliseconds> m_watchdog_period;
};

}  // namespace hw::daemon
