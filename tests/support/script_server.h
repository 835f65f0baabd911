#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace hw::test {

// Runs a test server script with /usr/bin/python3 (Debian's, with its python3-* packages),
// waits (bounded) for it to print "PORT <n>", and stops it on destruction. The script also
// exits when its stdin closes, so a crashed test leaves nothing running.
class ScriptServer {
 public:
  ScriptServer(const std::string& script, const std::vector<std::string>& args);
  ~ScriptServer();
  ScriptServer(const ScriptServer&) = delete;
  ScriptServer& operator=(const ScriptServer&) = delete;
  int port() const { return m_port; }

 private:
  pid_t m_pid = -1;
  int m_stdin = -1;
  int m_port = 0;
};

// A free TCP port on 127.0.0.1 right now (for "server down, then up on the same port").
int free_port();

}  // namespace hw::test
