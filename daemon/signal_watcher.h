#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hw::daemon {

// Receives SIGTERM/SIGINT/SIGHUP on its own thread (sigwait) and turns them into flags the
// main loop can wait on. Construct it before any other thread starts: it blocks those signals
// in the calling thread, and threads created later inherit the mask.
class SignalWatcher {
 public:
  SignalWatcher();
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Set on SIGTERM/SIGINT; also handed to the fetcher so transfers are abandoned promptly.
  const std::atomic<bool>& stop_requested() const { return m_stop; }
  // True once per SIGHUP.
  bool take_reload();
  // Sleeps until `deadline` or until a signal arrives.
  void wait_until(std::chrono::steady_clock::time_point deadline);

 private:
  void loop();

  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_reload{false};
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::thread m_thread;
};

}  // namespace hw::daemon
