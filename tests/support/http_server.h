#pragma once
#include <sys/types.h>

#include <filesystem>

#include <string>
#include <vector>
#include "support/script_server.h"

namespace hw::test {

// Starts tests/support/fault_server.py on 127.0.0.1 (a free port) serving `root` under
// /files/, and stops it on destruction. The server also exits when our end of its stdin
// closes, so a crashed test leaves nothing running.
class HttpServer {
 public:
  explicit HttpServer(const std::filesystem::path& root);

  int port() const { return m_server.port(); }
  std::string url(const std::string& path) const;  // "http://127.0.0.1:PORT" + path
  // Requests seen for `path` (asks the server's /hits endpoint).
  int hits(const std::string& path) const;
  // A request header as last seen by the server for `path` (empty if absent).
  std::string last_header(const std::string& path, const std::string& name) const;
  // The most requests the server had in progress at once, over its lifetime.
  int max_concurrent() const;
  // TCP connections the server has accepted (requests for /hits not counted).
  int connections() const;
  // Start times (seconds, server's monotonic clock) of the requests for `path`, in order.
  std::vector<double> starts(const std::string& path) const;

 private:
  ScriptServer m_server;
};

}  // namespace hw::test
