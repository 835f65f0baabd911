#pragma once
// Structured logging over Boost.Log: a fixed message plus key=value attributes, one channel
// per subsystem ("feeds", "storage", "rules", "alerts", "daemon").
#include <chrono>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/error.h"

namespace hw::log {

enum class Level { debug, info, warning, error };

std::optional<Level> level_from_string(std::string_view s);

enum class Sink {
  automatic,  // journald style when stderr is connected to the journal (JOURNAL_STREAM)
  journald,   // "<6>[feeds] message k=v": syslog priority prefix, no timestamp
  console,    // "2026-11-26T08:00:00Z info  [feeds] message k=v"
};

// Configures the stderr sink, and optionally a log file (appended to, with timestamps);
// may be called again to change the level or the file. A log file that cannot be opened is an
// error naming it, and the logging set up before stays exactly as it was (a reload with a bad
// `log_file` is refused, not half applied). Without a file it cannot fail.
[[nodiscard]] Expected<void> init(Level min_level, Sink sink = Sink::automatic,
                                  const std::string& log_file = {});

// Suppresses identical repeats of a message (same key and text) so that a feed failing every
// cycle for a day does not flood the journal: the first occurrence is logged, repeats within
// `window` are counted, and the next one after the window is logged with that count.
class RepeatLimiter {
 public:
  explicit RepeatLimiter(std::chrono::seconds window = std::chrono::hours(1)) : m_window(window) {}
  // nullopt: suppress. Otherwise log, adding suppressed=<n> when n > 0.
  std::optional<int> admit(const std::string& key, const std::string& text,
                           std::chrono::sys_seconds now);

 private:
  struct Seen {
    std::string text;
    std::chrono::sys_seconds logged_at;
    int suppressed = 0;
  };
  std::chrono::seconds m_window;
  std::map<std::string, Seen> m_seen;
};

using Field = std::pair<std::string_view, std::string>;

void write(std::string_view channel, Level level, std::string_view message,
           std::initializer_list<Field> fields = {});

inline void info(std::string_view channel, std::string_view message,
                 std::initializer_list<Field> fields = {}) {
  write(channel, Level::info, message, fields);
}
inline void warning(std::string_view channel, std::string_view message,
                    std::initializer_list<Field> fields = {}) {
  write(channel, Level::warning, message, fields);
}
inline void error(std::string_view channel, std::string_view message,
                  std::initializer_list<Field> fields = {}) {
  write(channel, Level::error, message, fields);
}
inline void debug(std::string_view channel, std::string_view message,
                  std::initializer_list<Field> fields = {}) {
  write(channel, Level::debug, message, fields);
}

}  // namespace hw::log
