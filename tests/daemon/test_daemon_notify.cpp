// hypewatchd speaks the systemd notification protocol: a test binds NOTIFY_SOCKET itself and
// reads what arrives, in order, like the service manager would.
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include <catch2/catch.hpp>

#include "storage/store.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

// A datagram socket standing in for systemd's notification socket.
class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : m_path(path) {
    m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(m_fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof addr.sun_path);
    std::strcpy(addr.sun_path, path.c_str());
    REQUIRE(bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{0, 100'000};
    setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() { close(m_fd); }

  // Reads datagrams until one contains `needle` (true) or the timeout passes (false).
  bool wait_for(const std::string& needle, double timeout_s = 20) {
    return hw::test::wait_for(
        [&] {
          drain();
          for (std::size_t i = m_checked; i < m_messages.size(); ++i) {
            if (m_messages[i].find(needle) != std::string::npos) {
              m_checked = i + 1;
              return true;
            }
          }
          return false;
        },
        timeout_s);
  }
  const std::vector<std::string>& messages() {
    drain();
    return m_messages;
  }

 private:
  void drain() {
    char buf[4096];
    for (;;) {
      const ssize_t n = recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) {
        return;
      }
      m_messages.emplace_back(buf, static_cast<std::size_t>(n));
    }
  }

  std::filesystem::path m_path;
  int m_fd = -1;
  std::vector<std::string> m_messages;
  std::size_t m_checked = 0;
};

}  // namespace

TEST_CASE("hypewatchd notifies READY, WATCHDOG, RELOADING, READY, STOPPING in order") {
  hw::test::TempDir dir;
  std::filesystem::copy(hw::test::source_dir() / "examples", dir / "ex",
                        std::filesystem::copy_options::recursive);
  const auto config = dir / "ex/hypewatch.toml";
  const auto log = dir / "daemon.log";
  NotifySocket notify(dir / "notify.sock");
  hw::test::ChildProcess daemon(
      {HW_HYPEWATCHD_BIN, "--config", config.string(), "--db", (dir / "hw.db").string()},
      log.string(), {"NOTIFY_SOCKET=" + (dir / "notify.sock").string(), "WATCHDOG_USEC=400000"});

  REQUIRE(notify.wait_for("READY=1"));
  // READY only once the database exists and is migrated.
  CHECK(
      hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_only).schema_version() ==
      hw::storage::Store::latest_schema_version());
  REQUIRE(notify.wait_for("STATUS=6 feeds; last cycle"));
  REQUIRE(notify.wait_for("WATCHDOG=1"));
  REQUIRE(notify.wait_for("WATCHDOG=1"));  // keeps pinging while idle

  // A good new config: reloaded, with the new feed count reported.
  hw::test::write_file(
      config, hw::test::read_file(config) + "\n[[feed]]\nurl = \"feeds/meridian-wire.xml?copy\"\n");
  std::filesystem::copy_file(dir / "ex/feeds/meridian-wire.xml",
                             dir / "ex/feeds/meridian-wire.xml?copy");
  daemon.signal(SIGHUP);
  REQUIRE(notify.wait_for("RELOADING=1"));
  REQUIRE(notify.wait_for("READY=1"));
  REQUIRE(hw::test::wait_for([&] {
    return hw::test::read_file(log).find("configuration reloaded") != std::string::npos;
  }));
  CHECK_THAT(hw::test::read_file(log), Contains("feeds=6"));

  daemon.signal(SIGTERM);
  REQUIRE(notify.wait_for("STOPPING=1"));
  CHECK(daemon.wait(20) == 0);

  // The protocol order, as the service manager saw it.
  std::vector<std::string> order;
  for (const auto& m : notify.messages()) {
    for (const char* key : {"READY=1", "RELOADING=1", "STOPPING=1"}) {
      if (m.find(key) != std::string::npos) {
        order.push_back(key);
      }
    }
  }
  CHECK(order == std::vector<std::string>{"READY=1", "RELOADING=1", "READY=1", "STOPPING=1"});
}

TEST_CASE("SIGTERM during a large poll abandons transfers promptly and exits 0") {
  hw::test::TempDir dir;
  hw::test::HttpServer server(dir.path());
  std::string config = "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                       "\"\npoll_interval = \"1h\"\n"
                       // All on 127.0.0.1: lift the per-host politeness limit (default 2).
                       "[fetch]\nper_host = 40\nhost_min_gap_ms = 0\n";
  // Forty feeds that trickle one byte every 100 ms: a cycle that would take minutes.
  for (int i = 0; i < 40; ++i) {
    config += "[[feed]]\nurl = \"" + server.url("/slow?n=" + std::to_string(i)) + "\"\n";
  }
  hw::test::write_file(dir / "hw.toml", config);
  const auto log = dir / "daemon.log";
  hw::test::ChildProcess daemon(
      {HW_HYPEWATCHD_BIN, "--config", (dir / "hw.toml").string(), "--db", (dir / "hw.db").string()},
      log.string());
  // Per-host politeness allows two transfers at a time to 127.0.0.1.
  REQUIRE(hw::test::wait_for([&] { return server.hits("/slow") >= 2; }));

  // The /slow responses trickle for 60 s: a clean exit within the wait proves the daemon
  // cancelled them instead of finishing them (no wall-time upper bound of our own to flake).
  daemon.signal(SIGTERM);
  CHECK(daemon.wait(10) == 0);
  CHECK_THAT(hw::test::read_file(log), Contains("stopped"));

  // Abandoned feeds are not blamed: no error recorded, they are fetched again next start.
  auto store = hw::storage::Store::open(dir / "hw.db", hw::storage::OpenMode::read_only);
  for (const auto& f : store.feeds().list_feeds()) {
    CHECK(f.error_count == 0);
  }
}
