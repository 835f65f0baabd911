// [metrics] in the config (app/metrics_config.h) and what the snapshot renders
// (app/metrics_snapshot.h); the listener itself is tested with the daemon
// (tests/daemon/test_daemon_metrics.cpp).
#include <catch2/catch.hpp>

#include "app/config.h"
#include "app/metrics_snapshot.h"
#include "support/test_support.h"
#include "util/error.h"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using hw::app::parse_listen_address;

TEST_CASE("metrics listen addresses: IPv4 and bracketed IPv6 with a port") {
  const auto v4 = parse_listen_address("127.0.0.1:9464");
  REQUIRE(v4);
  CHECK(v4->host == "127.0.0.1");
  CHECK(v4->port == 9464);
  CHECK_FALSE(v4->ipv6);
  CHECK(v4->to_string() == "127.0.0.1:9464");

  const auto v6 = parse_listen_address("[::1]:9464");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->ipv6);
  CHECK(v6->to_string() == "[::1]:9464");
  CHECK(parse_listen_address("0.0.0.0:1"));
  CHECK(parse_listen_address("[::]:65535"));

  for (const char* bad :
       {"nonsense", "", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536",
        "127.0.0.1:94x", "localhost:9464", "::1:9464", "[::1]", "[::1]9464", "[127.0.0.1]:9464",
        "256.0.0.1:80", "127.0.0.1:-1", "127.0.0.1: 80"}) {
    INFO(bad);
    CHECK_FALSE(parse_listen_address(bad));
  }
}

TEST_CASE("[metrics] is off by default and errors name the file and line") {
  hw::test::TempDir dir;
  const auto file = dir / "hw.toml";
  hw::test::write_file(file, "claims = \"c.toml\"\n");
  CHECK_FALSE(hw::app::load_config(file).metrics.listen);

  hw::test::write_file(file, "claims = \"c.toml\"\n[metrics]\nlisten = \"[::1]:9464\"\n");
  const auto config = hw::app::load_config(file);
  REQUIRE(config.metrics.listen);
  CHECK(config.metrics.listen->to_string() == "[::1]:9464");

  auto error_of = [&](const std::string& text) {
    hw::test::write_file(file, text);
    try {
      hw::app::load_config(file);
    } catch (const hw::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("claims = \"c.toml\"\n[metrics]\nlisten = \"nonsense\"\n"),
             StartsWith(file.string() + ":3:10: ") && Contains("metrics listen") &&
                 Contains("'nonsense'"));
  CHECK_THAT(error_of("claims = \"c.toml\"\n[metrics]\nlisten = 9464\n"),
             StartsWith(file.string() + ":3:") && Contains("must be a string"));
  CHECK_THAT(error_of("claims = \"c.toml\"\n[metrics]\nlisen = \"127.0.0.1:9464\"\n"),
             StartsWith(file.string() + ":3:1: ") && Contains("unknown key 'lisen' in [metrics]"));
  CHECK_THAT(error_of("claims = \"c.toml\"\nmetrics = \"127.0.0.1:9464\"\n"),
             StartsWith(file.string() + ":2:") && Contains("write [metrics]"));
}

TEST_CASE("the snapshot renders every family, cycles accumulated, known labels as zeroes") {
  hw::app::MetricsSnapshot s;
  s.process_start_time = 1700000000;
  std::string text = hw::app::render_metrics(s);
  // Before the first cycle: the families are there; the last-cycle gauges have no sample yet.
  CHECK_THAT(text, Contains("# TYPE hypewatch_last_cycle_end_timestamp_seconds gauge\n"));
  CHECK_THAT(text, !Contains("\nhypewatch_last_cycle_end_timestamp_seconds "));
  CHECK_THAT(text, Contains("\nhypewatch_claims{status=\"disputed\"} 0\n"));
  CHECK_THAT(text, Contains("\nhypewatch_alerts_total{kind=\"hype_spike\"} 0\n"));

  hw::app::CycleReport report;
  report.fetched = 3;
  report.not_modified = 1;
  report.failed = 1;
  report.stories_new = 10;
  report.stories_revised = 2;
  report.failures_by_reason = {{"timeout", 1}};
  report.http_responses = {{200, 3}, {304, 1}, {503, 1}};
  hw::app::add_cycle(s, report, 0.75, hw::TimePoint{std::chrono::seconds{1700000100}});
  hw::app::add_cycle(s, report, 42, hw::TimePoint{std::chrono::seconds{1700000200}});
  hw::storage::MetricCounts counts;
  counts.feeds_ok = 4;
  counts.feeds_failing = 1;
  counts.claims_by_status = {{"clarified", 2}};
  counts.alerts_by_kind = {{"status_change", 5}};
  counts.status_changes_by_status = {{"reported", 3}, {"clarified", 2}};
  s.counts = counts;
  text = hw::app::render_metrics(s);
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycles_total 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_fetches_total{outcome=\"fetched\"} 6\n"));
  CHECK_THAT(text, Contains("\nhypewatch_fetches_total{outcome=\"failed\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_stories_new_total 20\n"));
  CHECK_THAT(text, Contains("\nhypewatch_last_cycle_duration_seconds 42\n"));
  CHECK_THAT(text, Contains("\nhypewatch_last_cycle_end_timestamp_seconds 1700000200\n"));
  // Histogram buckets are cumulative and end with +Inf = count.
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_bucket{le=\"0.1\"} 0\n"));
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_bucket{le=\"0.5\"} 0\n"));
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_bucket{le=\"1\"} 1\n"));
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_bucket{le=\"30\"} 1\n"));
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_bucket{le=\"60\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_bucket{le=\"+Inf\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_poll_cycle_duration_seconds_sum 42.75\n"));
  CHECK_THAT(text, Contains("\nhypewatch_feeds{state=\"failing\"} 1\n"));
  CHECK_THAT(text, Contains("\nhypewatch_claims{status=\"clarified\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_claims{status=\"tracked\"} 0\n"));
  CHECK_THAT(text, Contains("\nhypewatch_alerts_total{kind=\"status_change\"} 5\n"));
  // Failures by reason (known reasons as zeroes), responses by HTTP status, status changes.
  CHECK_THAT(text, Contains("\nhypewatch_fetch_failures_total{reason=\"timeout\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_fetch_failures_total{reason=\"parse\"} 0\n"));
  CHECK_THAT(text, Contains("\nhypewatch_http_responses_total{code=\"200\"} 6\n"));
  CHECK_THAT(text, Contains("\nhypewatch_http_responses_total{code=\"503\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_status_changes_total{to=\"clarified\"} 2\n"));
  CHECK_THAT(text, Contains("\nhypewatch_status_changes_total{to=\"disputed\"} 0\n"));
}
