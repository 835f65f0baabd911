#include "support/script_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "support/test_support.h"

namespace hw::test {

ScriptServer::ScriptServer(const std::string& script, const std::vector<std::string>& args) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const std::string path = (source_dir() / "tests/support" / script).string();
  std::vector<std::string> argv{"/usr/bin/python3", path};
  argv.insert(argv.end(), args.begin(), args.end());
  m_pid = fork();
  if (m_pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    std::vector<char*> cargs;
    for (auto& a : argv) {
      cargs.push_back(a.data());
    }
    cargs.push_back(nullptr);
    execv(cargs[0], cargs.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  m_stdin = in_pipe[1];
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (::poll(&p, 1, 200) > 0) {
      char buf[64];
      const ssize_t n = read(out_pipe[0], buf, sizeof buf);
      if (n <= 0) {
        break;
      }
      line.append(buf, static_cast<std::size_t>(n));
    }
  }
  close(out_pipe[0]);
  if (line.rfind("PORT ", 0) != 0) {
    throw std::runtime_error(script + " did not start: '" + line + "'");
  }
  m_port = std::stoi(line.substr(5));
}

ScriptServer::~ScriptServer() {
  if (m_stdin >= 0) {
    close(m_stdin);
  }
  if (m_pid > 0) {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
  }
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace hw::test
