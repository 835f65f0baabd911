#include "app/config.h"

#include <unistd.h>

#include <toml++/toml.h>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "app/toml_values.h"
#include "feeds/uri.h"
#include "util/error.h"

namespace hw::app {
namespace {

namespace fs = std::filesystem;

std::string where(const fs::path& file, const toml::source_region& r) {
  return toml_where(file, r);
}

[[noreturn]] void bad(const fs::path& file, const toml::node& node, const std::string& message) {
  toml_fail(file, node.source(), message);
}

std::string require_string(const fs::path& file, const toml::node& node, std::string_view key) {
  if (auto s = node.value<std::string>()) {
    return *s;
  }
  bad(file, node, "'" + std::string(key) + "' must be a string");
}

bool has_scheme(std::string_view s) {
  const auto colon = s.find("://");
  if (colon == std::string_view::npos || colon == 0) {
    return false;
  }
  for (char c : s.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

std::chrono::seconds require_duration(const fs::path& file, const toml::node& value,
                                      std::string_view key) {
  const auto d = toml_duration(value);
  if (!d) {
    bad(file, value,
        std::string(key) + " must be a positive duration such as \"15m\", \"1h\" or 900 (seconds)");
  }
  return *d;
}

int require_count(const fs::path& file, const toml::node& value, std::string_view key, int min,
                  int max) {
  auto i = value.value<int64_t>();
  if (!i || !value.is_integer() || *i < min || *i > max) {
    bad(file, value,
        std::string(key) + " must be an integer from " + std::to_string(min) + " to " +
            std::to_string(max));
  }
  return static_cast<int>(*i);
}

FetchConfig parse_fetch(const fs::path& file, const toml::node& node) {
  const auto* t = node.as_table();
  if (!t) {
    bad(file, node, "'fetch' must be a table: write [fetch]");
  }
  FetchConfig f;
  for (const auto& [key, value] : *t) {
    if (key == "max_in_flight") {
      f.max_in_flight = require_count(file, value, "max_in_flight", 1, 1000);
    } else if (key == "per_host") {
      f.per_host = require_count(file, value, "per_host", 1, 100);
    } else if (key == "host_min_gap_ms") {
      f.host_min_gap =
          std::chrono::milliseconds{require_count(file, value, "host_min_gap_ms", 0, 600'000)};
    } else if (key == "timeout") {
      f.timeout = require_duration(file, value, "timeout");
    } else if (key == "max_backoff") {
      f.max_backoff = require_duration(file, value, "max_backoff");
    } else {
      throw ConfigError(where(file, key.source()) + "unknown key '" + std::string(key.str()) +
                        "' in [fetch] (known: max_in_flight, per_host, host_min_gap_ms, "
                        "timeout, max_backoff)");
    }
  }
  return f;
}

FeedConfig parse_feed(const fs::path& file, const toml::table& t) {
  FeedConfig feed;
  std::optional<std::string> url;
  for (const auto& [key, value] : t) {
    if (key == "url") {
      url = require_string(file, value, "url");
    } else if (key == "name") {
      feed.name = require_string(file, value, "name");
    } else if (key == "interval") {
      feed.interval = require_duration(file, value, "interval");
    } else if (key == "kind") {
      feed.kind = require_string(file, value, "kind");
      if (feed.kind != "news" && feed.kind != "factcheck") {
        bad(file, value, "feed kind must be \"news\" or \"factcheck\"");
      }
    } else {
      throw ConfigError(where(file, key.source()) + "unknown key '" + std::string(key.str()) +
                        "' in [[feed]] (known: url, name, interval, kind)");
    }
  }
  if (!url || url->empty()) {
    throw ConfigError(where(file, t.source()) + "[[feed]] needs a non-empty 'url'");
  }
  if (has_scheme(*url)) {
    if (feeds::has_userinfo(*url)) {
      // The URL is logged, shown by `feeds` and stored: a password in it would leak everywhere.
      bad(file, *t.get("url"),
          "feed url must not contain user information (user:password@host): hypewatch does "
          "not fetch authenticated feeds");
    }
    const std::string scheme = url->substr(0, url->find("://"));
    if (scheme != "http" && scheme != "https" && scheme != "file") {
      bad(file, *t.get("url"),
          "feed url '" + *url + "': unsupported scheme '" + scheme + "' (use http, https or file)");
    }
    feed.url = *url;
  } else {
    // A path: relative to the config file, read through a file:// URL.
    fs::path p = *url;
    if (p.is_relative()) {
      p = file.parent_path() / p;
    }
    feed.url = "file://" + fs::absolute(p).lexically_normal().string();
  }
  return feed;
}

fs::path resolve(const fs::path& file, const std::string& value) {
  fs::path p = value;
  if (p.is_relative()) {
    p = file.parent_path() / p;
  }
  return fs::absolute(p).lexically_normal();
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  long long n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || n <= 0) {
    return std::nullopt;
  }
  const std::string_view unit(ptr, text.data() + text.size() - ptr);
  long long mult = 0;
  if (unit.empty() || unit == "s") {
    mult = 1;
  } else if (unit == "m" || unit == "min") {
    mult = 60;
  } else if (unit == "h") {
    mult = 3600;
  } else if (unit == "d") {
    mult = 86400;
  } else {
    return std::nullopt;
  }
  // Checked before multiplying: "7766272260497083708m" overflowed (found by fuzz_config).
  if (n > kMaxDuration.count() / mult) {
    return std::nullopt;
  }
  return std::chrono::seconds{n * mult};
}

Config load_config(const fs::path& path) {
  const fs::path source = fs::absolute(path).lexically_normal();
  std::ifstream in(source, std::ios::binary);
  if (!in) {
    std::error_code ec;
    throw ConfigError(source.string() + ": cannot read config file: " +
                      (fs::exists(source, ec) ? std::strerror(errno) : "no such file"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), source);
}

Config parse_config(std::string_view toml_text, const fs::path& path) {
  Config config;
  config.source = fs::absolute(path).lexically_normal();
  toml::table root;
  try {
    root = toml::parse(toml_text, config.source.string());
  } catch (const toml::parse_error& e) {
    throw ConfigError(where(config.source, e.source()) + std::string(e.description()));
  }

  const fs::path& file = config.source;
  bool have_claims = false;
  std::set<std::string> urls;
  for (const auto& [key, value] : root) {
    if (key == "claims") {
      config.claims_file = resolve(file, require_string(file, value, "claims"));
      have_claims = true;
    } else if (key == "database") {
      config.database = resolve(file, require_string(file, value, "database"));
    } else if (key == "log_level") {
      config.log_level = require_string(file, value, "log_level");
      static const std::set<std::string> levels{"debug", "info", "warning", "error"};
      if (!levels.contains(config.log_level)) {
        bad(file, value, "log_level must be one of debug, info, warning, error");
      }
    } else if (key == "poll_interval") {
      config.poll_interval = require_duration(file, value, "poll_interval");
    } else if (key == "log_file") {
      config.log_file = resolve(file, require_string(file, value, "log_file"));
    } else if (key == "digest") {
      config.digest = parse_digest_config(file, value);
    } else if (key == "fetch") {
      config.fetch = parse_fetch(file, value);
    } else if (key == "webhook") {
      config.webhooks = parse_webhooks(file, value);
    } else if (key == "factcheck") {
      config.factcheck = parse_factcheck_config(file, value);
    } else if (key == "metrics") {
      config.metrics = parse_metrics_config(file, value);
    } else if (key == "sources") {
      config.sources = parse_sources_config(file, value);
    } else if (key == "feed") {
      const auto* arr = value.as_array();
      if (!arr) {
        bad(file, value, "'feed' must be an array of tables: write [[feed]]");
      }
      for (const auto& item : *arr) {
        const auto* t = item.as_table();
        if (!t) {
          bad(file, item, "each [[feed]] must be a table");
        }
        FeedConfig feed = parse_feed(file, *t);
        if (!urls.insert(feed.url).second) {
          bad(file, *t, "feed '" + feed.url + "' is listed twice");
        }
        config.feeds.push_back(std::move(feed));
      }
    } else {
      throw ConfigError(where(file, key.source()) + "unknown key '" + std::string(key.str()) +
                        "' (known: claims, database, poll_interval, log_level, [digest], [fetch], "
                        "[[feed]], [[webhook]], [factcheck], [metrics], [sources])");
    }
  }
  if (!have_claims) {
    throw ConfigError(file.string() + ": missing 'claims' (path to the claims file)");
  }
  return config;
}

fs::path default_config_path() {
  const std::string home = env_or("HOME", "");
  const fs::path user = fs::path(env_or("XDG_CONFIG_HOME", home.empty() ? "" : home + "/.config")) /
                        "hypewatch" / "hypewatch.toml";
  std::error_code ec;
  if (::geteuid() != 0 && !user.empty() && fs::exists(user, ec)) {
    return user;
  }
  // systemd's ConfigurationDirectory= exports this.
  return fs::path(env_or("CONFIGURATION_DIRECTORY", "/etc/hypewatch")) / "hypewatch.toml";
}

fs::path default_database_path() {
  if (const char* state = std::getenv("STATE_DIRECTORY"); state && *state) {
    return fs::path(state) / "hypewatch.db";  // systemd StateDirectory=
  }
  if (::geteuid() == 0) {
    return "/var/lib/hypewatch/hypewatch.db";
  }
  const std::string home = env_or("HOME", "");
  return fs::path(env_or("XDG_STATE_HOME", home + "/.local/state")) / "hypewatch" / "hypewatch.db";
}

}  // namespace hw::app
