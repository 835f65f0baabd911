#pragma once
// Structured logging over Boost.Log: a fixed message plus key=value attributes, one channel
// per subsystem ("feeds", "storage", "rules", "alerts", "daemon").
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hw::log {

enum class Level { debug, info, warning, error };

std::optional<Level> level_from_string(std::string_view s);

enum class Sink {
  automatic,  // journald style when stderr is connected to the journal (JOURNAL_STREAM)
  journald,   // "<6>[feeds] message k=v": syslog priority prefix, no timestamp
  console,    // "2026-11-26T08:00:00Z info  [feeds] message k=v"
};

// Configures the stderr sink; may be called again to change the level.
void init(Level min_level, Sink sink = Sink::automatic);

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
