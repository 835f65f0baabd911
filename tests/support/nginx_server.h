#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace hw::test {

// Debian's nginx serving `root` on 127.0.0.1 (a free port) as an unprivileged, foreground,
// single process (`daemon off; master_process off;`) with its config, pid, logs and temp
// directories under `work`. ETag/Last-Modified/304 and gzip are nginx's own. Killed on
// destruction. Throws when nginx is missing or does not come up within 10 s.
class NginxServer {
 public:
  NginxServer(const std::filesystem::path& root, const std::filesystem::path& work);
  ~NginxServer();
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;

  int port() const { return m_port; }
  std::string url(const std::string& path) const;  // "http://127.0.0.1:PORT" + path
  // The access log: one line per request, "$status $request_uri gzip=$gzip_ratio inm=…".
  std::string access_log() const;
  static bool available();

 private:
  std::filesystem::path m_work;
  pid_t m_pid = -1;
  int m_port = 0;
};

}  // namespace hw::test
