#pragma once
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/digest_config.h"
#include "app/factcheck_config.h"
#include "app/metrics_config.h"
#include "app/sources_config.h"
#include "app/webhook_config.h"

namespace hw::app {

struct FeedConfig {
  std::string url;                                 // absolute: http(s):// or file://
  std::string name;                                // for people; may be empty
  std::optional<std::chrono::seconds> interval{};  // `interval`: overrides poll_interval
  std::string kind = "news";  // `kind`: news | factcheck (docs/factchecks.md)
};

// [fetch]: politeness and limits of the fetcher (docs/feeds.md "Fetching").
struct FetchConfig {
  int max_in_flight = 16;                       // transfers at once, all hosts
  int per_host = 2;                             // transfers at once to one host
  std::chrono::milliseconds host_min_gap{100};  // between request starts to one host
  std::chrono::seconds timeout{60};             // whole transfer
  std::chrono::seconds max_backoff{24 * 3600};  // cap of the failure backoff
};

// hypewatch.toml (format in README "Configuration").
struct Config {
  std::filesystem::path source;       // the file this came from
  std::filesystem::path claims_file;  // absolute
  std::optional<std::filesystem::path> database;
  std::chrono::seconds poll_interval{30 * 60};
  std::string log_level = "info";
  std::optional<std::filesystem::path> log_file;  // in addition to stderr/the journal
  std::vector<FeedConfig> feeds;
  FetchConfig fetch;
  DigestConfig digest;  // [digest]; defaults: hourly, to the log only
  std::vector<WebhookConfig> webhooks;  // [[webhook]]
  FactcheckConfig factcheck;            // [factcheck]
  MetricsConfig metrics;                // [metrics]; off by default
  SourcesConfig sources = default_sources_config();  // [sources]
};

// Throws hw::ConfigError "FILE:LINE:COL: message" for syntax errors, unknown keys, wrong types,
// bad durations, duplicate or unsupported feed URLs. Relative paths (claims, database, feed
// paths without a scheme) are resolved against the config file's directory; a feed path
// becomes a file:// URL.
Config load_config(const std::filesystem::path& path);
// The same from text already read; `path` names it in errors and anchors relative paths.
Config parse_config(std::string_view toml_text, const std::filesystem::path& path);

// Longest duration a setting takes. Intervals are added to clock readings in nanoseconds, so
// an unbounded one would overflow there; nobody polls or retries less than once a year.
inline constexpr std::chrono::seconds kMaxDuration{366LL * 24 * 60 * 60};

// "90s", "15m", "1h", "1d" or a plain number of seconds; nullopt when malformed, not > 0 or
// longer than kMaxDuration.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

// Defaults following XDG and /etc conventions (printed by --help).
std::filesystem::path default_config_path();
std::filesystem::path default_database_path();

}  // namespace hw::app
