#include "support/nginx_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "support/test_support.h"

namespace hw::test {
namespace {

constexpr const char* kNginx = "/usr/sbin/nginx";

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot find a free port");
  }
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

bool accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

bool NginxServer::available() {
  return access(kNginx, X_OK) == 0;
}

NginxServer::NginxServer(const std::filesystem::path& root, const std::filesystem::path& work)
    : m_work(work) {
  if (!available()) {
    throw std::runtime_error(std::string(kNginx) + " not found (apt-get install nginx-light)");
  }
  std::filesystem::create_directories(work / "tmp");
  // A port can be taken between free_port() and nginx's bind: try a few.
  for (int attempt = 0; attempt < 5 && m_pid < 0; ++attempt) {
    m_port = free_port();
    const std::string w = work.string();
    write_file(
        work / "nginx.conf",
        "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        "pid " +
            w + "/nginx.pid;\nerror_log " + w +
            "/error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "  log_format probe '$status $request_uri gzip=$gzip_ratio inm=$http_if_none_match"
            " ims=$http_if_modified_since';\n"
            "  access_log " +
            w +
            "/access.log probe;\n"
            "  client_body_temp_path " +
            w +
            "/tmp/body;\n"
            "  proxy_temp_path " +
            w +
            "/tmp/proxy;\n"
            "  fastcgi_temp_path " +
            w +
            "/tmp/fastcgi;\n"
            "  uwsgi_temp_path " +
            w +
            "/tmp/uwsgi;\n"
            "  scgi_temp_path " +
            w +
            "/tmp/scgi;\n"
            "  types { application/rss+xml xml rss; application/atom+xml atom;"
            " application/feed+json json; text/html html; }\n"
            "  default_type application/octet-stream;\n"
            "  charset utf-8; charset_types application/rss+xml application/atom+xml;\n"
            "  gzip on; gzip_min_length 1; gzip_types application/rss+xml application/atom+xml"
            " application/feed+json;\n"
            "  keepalive_requests 100000;\n"
            "  server { listen 127.0.0.1:" +
            std::to_string(m_port) + "; root " + root.string() +
            "; }\n"
            "}\n");
    const pid_t pid = fork();
    if (pid == 0) {
      execl(kNginx, "nginx", "-p", w.c_str(), "-c", (w + "/nginx.conf").c_str(), "-e",
            (w + "/error.log").c_str(), nullptr);
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) {
        break;  // exited: probably the port was taken; try another
      }
      if (accepts(m_port)) {
        m_pid = pid;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (m_pid < 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  if (m_pid < 0) {
    throw std::runtime_error("nginx did not start; see " + (work / "error.log").string());
  }
}

NginxServer::~NginxServer() {
  if (m_pid > 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
}

std::string NginxServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

std::string NginxServer::access_log() const {
  std::error_code ec;
  if (!std::filesystem::exists(m_work / "access.log", ec)) {
    return {};
  }
  return read_file(m_work / "access.log");
}

}  // namespace hw::test
