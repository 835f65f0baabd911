// hypewatchd's Prometheus endpoint ([metrics] listen), scraped over loopback as a Prometheus
// server would: the exposition parses, its numbers agree with `hypewatch stats`, `claims` and
// `alerts`, other paths and methods are refused, a taken port leaves the daemon polling, and a
// bad address is a config error with its line.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "storage/store.h"
#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

// A port nobody listens on now: bound to port 0 (the kernel picks), read back, released. The
// config takes a fixed port, so this is how a test gets one that is free.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  ::close(fd);
  return ntohs(a.sin_port);
}

struct HttpReply {
  int status = 0;  // 0: no connection
  std::string headers;
  std::string body;
};

// HTTP/1.1 with Connection: close, read to EOF: enough of a client for one small endpoint.
HttpReply request(int port, const std::string& method, const std::string& path) {
  HttpReply reply;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval timeout{10, 0};  // a hung server fails the test instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return reply;
  }
  const std::string req =
      method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
  std::string raw;
  char buffer[8192];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    raw.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const auto end = raw.find("\r\n\r\n");
  REQUIRE(end != std::string::npos);
  reply.headers = raw.substr(0, end);
  reply.body = raw.substr(end + 4);
  reply.status = std::stoi(raw.substr(raw.find(' ') + 1, 3));
  return reply;
}

// The exposition parsed strictly: every sample's family has a # TYPE line before it, every value
// is a number, no series twice. Returns "name{labels}" -> value.
std::map<std::string, double> parse_exposition(const std::string& text) {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    INFO(line);
    REQUIRE_FALSE(line.empty());
    if (line.starts_with("# TYPE ")) {
      std::istringstream t(line.substr(7));
      std::string name, type;
      t >> name >> type;
      CHECK(std::set<std::string>{"counter", "gauge", "histogram"}.contains(type));
      CHECK(types.emplace(name, type).second);
      continue;
    }
    if (line.starts_with("# HELP ")) {
      continue;
    }
    REQUIRE(line[0] != '#');
    const auto space = line.rfind(' ');
    REQUIRE(space != std::string::npos);
    const std::string series = line.substr(0, space);
    const std::string name = series.substr(0, series.find('{'));
    std::string family = name;
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      if (!types.contains(family) && family.ends_with(suffix)) {
        family = family.substr(0, family.size() - std::strlen(suffix));
      }
    }
    REQUIRE(types.contains(family));
    CHECK(name.starts_with("hypewatch_"));
    if (types[family] == "counter") {
      CHECK(name.ends_with("_total"));
    }
    std::size_t used = 0;
    const double value = std::stod(line.substr(space + 1), &used);
    CHECK(used == line.size() - space - 1);
    CHECK(samples.emplace(series, value).second);
  }
  return samples;
}

// `stats --json` gives counts as JSON numbers.
std::int64_t json_count(const nlohmann::json& j, const char* key) {
  return j.at(key).get<std::int64_t>();
}

}  // namespace

TEST_CASE("hypewatchd serves /metrics that agree with the CLI") {
  hw::test::TempDir dir;
  std::filesystem::copy(hw::test::source_dir() / "examples", dir / "ex",
                        std::filesystem::copy_options::recursive);
  const int port = free_port();
  const auto config = dir / "ex/hypewatch.toml";
  hw::test::write_file(config, hw::test::read_file(config) + "\n[metrics]\nlisten = \"127.0.0.1:" +
                                   std::to_string(port) + "\"\n");
  const auto db = dir / "hw.db";
  const auto log = dir / "daemon.log";
  hw::test::ChildProcess daemon(
      {HW_HYPEWATCHD_BIN, "--config", config.string(), "--db", db.string()}, log.string());

  // After the first cycle (30 minutes to the next: nothing changes while we compare).
  HttpReply scrape;
  REQUIRE(hw::test::wait_for([&] {
    scrape = request(port, "GET", "/metrics");
    return scrape.status == 200 &&
           scrape.body.find("\nhypewatch_poll_cycles_total 1\n") != std::string::npos;
  }));
  INFO(scrape.body);
  CHECK_THAT(scrape.headers, Contains("text/plain; version=0.0.4"));
  auto m = parse_exposition(scrape.body);

  const auto stats_run =
      hw::test::run_process({HW_HYPEWATCH_BIN, "--db", db.string(), "stats", "--json"});
  REQUIRE(stats_run.exit_code == 0);
  const auto stats = nlohmann::json::parse(stats_run.out);
  const auto claims_run =
      hw::test::run_process({HW_HYPEWATCH_BIN, "--db", db.string(), "claims", "--json"});
  REQUIRE(claims_run.exit_code == 0);
  const auto alerts_run =
      hw::test::run_process({HW_HYPEWATCH_BIN, "--db", db.string(), "alerts", "--json"});
  REQUIRE(alerts_run.exit_code == 0);
  const auto pending_run = hw::test::run_process(
      {HW_HYPEWATCH_BIN, "--db", db.string(), "alerts", "--undelivered", "--json"});
  REQUIRE(pending_run.exit_code == 0);
  // A second scrape, after the queries: the same numbers (nothing polled in between).
  CHECK(parse_exposition(request(port, "GET", "/metrics").body) == m);

  CHECK(m["hypewatch_stories"] == 28);
  CHECK(m["hypewatch_stories"] == json_count(stats, "stories"));
  CHECK(m["hypewatch_story_revisions"] == json_count(stats, "revisions"));
  CHECK(m["hypewatch_matches_total"] == json_count(stats, "matches"));
  CHECK(m["hypewatch_stories_new_total"] == 28);  // a fresh database: every story is new
  CHECK(m["hypewatch_feeds{state=\"failing\"}"] == json_count(stats, "feeds_failing"));
  CHECK(m["hypewatch_feeds{state=\"disabled\"}"] == json_count(stats, "feeds_disabled"));
  CHECK(m["hypewatch_feeds{state=\"ok\"}"] + m["hypewatch_feeds{state=\"failing\"}"] +
            m["hypewatch_feeds{state=\"disabled\"}"] ==
        json_count(stats, "feeds"));
  CHECK(m["hypewatch_fetches_total{outcome=\"fetched\"}"] == 6);
  CHECK(m["hypewatch_fetches_total{outcome=\"failed\"}"] == 0);
  CHECK(m["hypewatch_poll_cycle_duration_seconds_count"] == 1);
  CHECK(m["hypewatch_poll_cycle_duration_seconds_bucket{le=\"+Inf\"}"] == 1);
  CHECK(m.contains("hypewatch_last_cycle_duration_seconds"));
  CHECK(m["hypewatch_last_cycle_end_timestamp_seconds"] >=
        m["hypewatch_process_start_time_seconds"] - 1);

  std::map<std::string, double> by_status;
  for (const auto& c : nlohmann::json::parse(claims_run.out)) {
    by_status[c.at("status").get<std::string>()] += 1;
  }
  REQUIRE_FALSE(by_status.empty());
  for (const char* status :
       {"tracked", "reported", "disputed", "clarified", "confirmed", "retracted"}) {
    INFO(status);
    CHECK(m["hypewatch_claims{status=\"" + std::string(status) + "\"}"] == by_status[status]);
  }
  std::map<std::string, double> by_kind;
  for (const auto& a : nlohmann::json::parse(alerts_run.out)) {
    by_kind[a.at("kind").get<std::string>()] += 1;
  }
  REQUIRE(by_kind["status_change"] > 0);
  for (const char* kind : {"status_change", "repeated_after_clarification", "hype_spike"}) {
    INFO(kind);
    CHECK(m["hypewatch_alerts_total{kind=\"" + std::string(kind) + "\"}"] == by_kind[kind]);
  }
  CHECK(m["hypewatch_digest_pending_alerts"] ==
        static_cast<double>(nlohmann::json::parse(pending_run.out).size()));
  CHECK(m["hypewatch_webhook_pending_deliveries"] == 0);

  // HEAD: the headers alone. Other paths 404, other methods 405.
  const auto head = request(port, "HEAD", "/metrics");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(request(port, "GET", "/").status == 404);
  CHECK(request(port, "GET", "/metrics/extra").status == 404);
  const auto post = request(port, "POST", "/metrics");
  CHECK(post.status == 405);
  CHECK_THAT(post.headers, Contains("Allow: GET, HEAD"));

  // A second daemon (its own database) configured for the same port: the listener fails, the
  // error names the address, and the daemon polls anyway.
  const auto config2 = dir / "ex/second.toml";
  hw::test::write_file(config2, hw::test::read_file(config));
  const auto db2 = dir / "hw2.db";
  const auto log2 = dir / "second.log";
  hw::test::ChildProcess second(
      {HW_HYPEWATCHD_BIN, "--config", config2.string(), "--db", db2.string()}, log2.string());
  REQUIRE(hw::test::wait_for([&] {
    return std::filesystem::exists(log2) &&
           hw::test::read_file(log2).find("cycle done") != std::string::npos;
  }));
  const std::string second_log = hw::test::read_file(log2);
  CHECK_THAT(second_log, Contains("metrics listener not started") &&
                             Contains("127.0.0.1:" + std::to_string(port)) && Contains("in use"));
  CHECK(second.running());
  second.signal(SIGTERM);
  CHECK(second.wait(20) == 0);

  CHECK(request(port, "GET", "/metrics").status == 200);  // the first one still serves
  daemon.signal(SIGTERM);
  CHECK(daemon.wait(20) == 0);
  CHECK_THAT(hw::test::read_file(log), Contains("metrics listener started"));
}

TEST_CASE("a bad metrics listen address is refused with its file and line") {
  hw::test::TempDir dir;
  const auto config = dir / "hw.toml";
  hw::test::write_file(dir / "claims.toml", "");
  hw::test::write_file(config, "claims = \"claims.toml\"\n\n[metrics]\nlisten = \"nonsense\"\n");
  const auto r =
      hw::test::run_process({HW_HYPEWATCHD_BIN, "--check-config", "--config", config.string()});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Contains(config.string() + ":4:") && Contains("metrics listen") &&
                        Contains("'nonsense'"));
}
