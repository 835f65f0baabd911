#pragma once
#include <string>
#include <vector>

namespace hw::test {

struct ProcessResult {
  int exit_code = -1;  // -1: killed by a signal or timed out
  std::string out;
  std::string err;
};

// Runs argv[0] with arguments, no shell, capturing stdout and stderr; killed after
// `timeout_s` seconds.
ProcessResult run_process(const std::vector<std::string>& argv, int timeout_s = 120);

}  // namespace hw::test

namespace hw::test {

// A long-running child (e.g. hypewatchd) with stdout+stderr going to `log_file`. Killed with
// SIGKILL on destruction if still running.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_file,
               const std::vector<std::string>& extra_env = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void signal(int sig) const;
  // Waits up to timeout_s for exit; returns the exit code, or -1 (signal / still running).
  int wait(int timeout_s);
  bool running();
  int pid() const { return m_pid; }

 private:
  int m_pid = -1;
  bool m_exited = false;
  int m_status = 0;
};

// Polls `predicate` every 50 ms until true or `timeout_s` passes; returns its last value.
template <typename Predicate>
bool wait_for(Predicate predicate, double timeout_s = 20.0);

}  // namespace hw::test

#include <chrono>
#include <thread>

template <typename Predicate>
bool hw::test::wait_for(Predicate predicate, double timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return predicate();
}
