#include "daemon/signal_watcher.h"

#include <pthread.h>
#include <signal.h>

namespace hw::daemon {
namespace {

sigset_t watched() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGUSR2);  // internal: wakes the thread for shutdown
  return set;
}

}  // namespace

SignalWatcher::SignalWatcher() {
  const sigset_t set = watched();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  m_thread = std::thread([this] { loop(); });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(m_thread.native_handle(), SIGUSR2);
  m_thread.join();
}

void SignalWatcher::loop() {
  const sigset_t set = watched();
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) {
      continue;
    }
    if (sig == SIGUSR2) {
      return;
    }
    {
      std::lock_guard lock(m_mutex);
      if (sig == SIGHUP) {
        m_reload = true;
      } else {
        m_stop = true;
      }
    }
    m_cv.notify_all();
  }
}

bool SignalWatcher::take_reload() {
  return m_reload.exchange(false);
}

void SignalWatcher::wait_until(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(m_mutex);
  m_cv.wait_until(lock, deadline, [this] { return m_stop.load() || m_reload.load(); });
}

}  // namespace hw::daemon
