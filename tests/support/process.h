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
