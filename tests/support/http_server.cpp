#include "support/http_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <variant>

#include "feeds/fetcher.h"
#include "support/test_support.h"

namespace hw::test {

HttpServer::HttpServer(const std::filesystem::path& root) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const std::string script = (source_dir() / "tests/support/fault_server.py").string();
  m_pid = fork();
  if (m_pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    execl("/usr/bin/python3", "python3", script.c_str(), root.c_str(), nullptr);
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  m_stdin = in_pipe[1];

  // Wait (bounded) for "PORT n".
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
    throw std::runtime_error("fault_server.py did not start: '" + line + "'");
  }
  m_port = std::stoi(line.substr(5));
}

HttpServer::~HttpServer() {
  if (m_stdin >= 0) {
    close(m_stdin);
  }
  if (m_pid > 0) {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
  }
}

std::string HttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

namespace {

nlohmann::json fetch_hits(const HttpServer& s) {
  feeds::Fetcher fetcher;
  auto r = fetcher.fetch_all({{s.url("/hits"), "", ""}});
  if (!r[0]) {
    throw std::runtime_error("cannot read /hits: " + r[0].error().message);
  }
  return nlohmann::json::parse(std::get<feeds::Fetched>(*r[0]).body);
}

}  // namespace

int HttpServer::hits(const std::string& path) const {
  auto j = fetch_hits(*this);
  return j["hits"].value(path, 0);
}

std::string HttpServer::last_header(const std::string& path, const std::string& name) const {
  auto j = fetch_hits(*this);
  if (!j["headers"].contains(path)) {
    return {};
  }
  for (auto& [k, v] : j["headers"][path].items()) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) {
      return v.get<std::string>();
    }
  }
  return {};
}

int HttpServer::max_concurrent() const {
  return fetch_hits(*this).value("max_concurrent", 0);
}

int HttpServer::connections() const {
  return fetch_hits(*this).value("connections", 0);
}

std::vector<double> HttpServer::starts(const std::string& path) const {
  auto j = fetch_hits(*this);
  if (!j["starts"].contains(path)) {
    return {};
  }
  return j["starts"][path].get<std::vector<double>>();
}

}  // namespace hw::test
