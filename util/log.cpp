#include "util/log.h"

#include <boost/log/attributes/constant.hpp>
#include <boost/log/core.hpp>
#include <boost/log/expressions.hpp>
#include <boost/log/sinks/sync_frontend.hpp>
#include <boost/log/sinks/text_ostream_backend.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_channel_logger.hpp>
#include <boost/log/utility/setup/console.hpp>
#include <boost/make_shared.hpp>
#include <boost/shared_ptr.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>

#include "util/printable.h"
#include "util/time.h"

namespace hw::log {
namespace {

namespace bl = boost::log;

BOOST_LOG_ATTRIBUTE_KEYWORD(a_severity, "Severity", Level)
BOOST_LOG_ATTRIBUTE_KEYWORD(a_channel, "Channel", std::string)

using Logger = bl::sources::severity_channel_logger_mt<Level, std::string>;

std::string_view level_name(Level l) {
  switch (l) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warning:
      return "warning";
    case Level::error:
      return "error";
  }
  return "info";
}

// syslog priorities, which journald reads from a "<N>" line prefix.
int syslog_priority(Level l) {
  switch (l) {
    case Level::debug:
      return 7;
    case Level::info:
      return 6;
    case Level::warning:
      return 4;
    case Level::error:
      return 3;
  }
  return 6;
}

bool needs_quotes(std::string_view v) {
  if (v.empty()) {
    return true;
  }
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\') {
      return true;
    }
  }
  return !is_printable(v);
}

// key=value, the value quoted when it holds spaces, quotes, '=' or anything printable()
// escapes: a reader (or a parser of our logs) always finds where a value ends, and no value
// can contain a line break or a bidi override that makes a forged line look real.
void append_value(std::string& out, std::string_view v) {
  if (!needs_quotes(v)) {
    out += v;
    return;
  }
  std::string quoted;
  for (char c : v) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  // After the quoting above, so the backslashes printable() adds stay single.
  out += '"';
  out += printable(quoted);
  out += '"';
}

std::mutex g_init_mutex;
using Sink_t = bl::sinks::synchronous_sink<bl::sinks::text_ostream_backend>;
boost::shared_ptr<Sink_t> g_sink;
boost::shared_ptr<Sink_t> g_file_sink;
bool g_initialized = false;

}  // namespace

std::optional<Level> level_from_string(std::string_view s) {
  for (Level l : {Level::debug, Level::info, Level::warning, Level::error}) {
    if (level_name(l) == s) {
      return l;
    }
  }
  return std::nullopt;
}

Expected<void> init(Level min_level, Sink sink, const std::string& log_file) {
  std::lock_guard lock(g_init_mutex);
  // Open the new file before touching any sink: on failure nothing has changed.
  boost::shared_ptr<std::ofstream> stream;
  if (!log_file.empty()) {
    stream = boost::make_shared<std::ofstream>(log_file, std::ios::app);
    if (!*stream) {
      return fail("cannot open log file " + log_file + ": " + std::strerror(errno));
    }
  }
  if (sink == Sink::automatic) {
    sink = std::getenv("JOURNAL_STREAM") != nullptr ? Sink::journald : Sink::console;
  }
  auto core = bl::core::get();
  if (g_sink) {
    core->remove_sink(g_sink);
  }
  g_sink = bl::add_console_log(std::clog);
  g_sink->set_filter(a_severity >= min_level);
  const bool journald = sink == Sink::journald;
  g_sink->set_formatter([journald](const bl::record_view& rec, bl::formatting_ostream& out) {
    const auto severity = rec[a_severity];
    const auto channel_ref = rec[a_channel];
    const Level level = severity ? *severity : Level::info;
    const std::string channel = channel_ref ? *channel_ref : std::string("hypewatch");
    if (journald) {
      out << "<" << syslog_priority(level) << ">";
    } else {
      out << format_utc(SystemClock{}.now()) << " " << level_name(level) << " ";
    }
    out << "[" << channel << "] " << rec[bl::expressions::smessage];
  });
  g_sink->locked_backend()->auto_flush(true);
  if (g_file_sink) {
    core->remove_sink(g_file_sink);
    g_file_sink.reset();
  }
  if (stream) {
    g_file_sink = boost::make_shared<Sink_t>();
    g_file_sink->locked_backend()->add_stream(stream);
    g_file_sink->locked_backend()->auto_flush(true);
    g_file_sink->set_filter(a_severity >= min_level);
    g_file_sink->set_formatter([](const bl::record_view& rec, bl::formatting_ostream& out) {
      const auto severity = rec[a_severity];
      const auto channel_ref = rec[a_channel];
      out << format_utc(SystemClock{}.now()) << " "
          << level_name(severity ? *severity : Level::info) << " ["
          << (channel_ref ? *channel_ref : std::string("hypewatch")) << "] "
          << rec[bl::expressions::smessage];
    });
    core->add_sink(g_file_sink);
  }
  g_initialized = true;
  return {};
}

void write(std::string_view channel, Level level, std::string_view message,
           std::initializer_list<Field> fields) {
  bool initialized = false;
  {
    std::lock_guard lock(g_init_mutex);
    initialized = g_initialized;
  }
  if (!initialized) {
    // Nobody configured logging (a library user, a test): warnings and errors to stderr,
    // rather than Boost.Log's default sink that prints everything.
    (void)init(Level::warning, Sink::automatic);  // no file: cannot fail
  }
  // Messages embed outside text too ("digest: <claim> <story title>").
  std::string line = printable(message);
  for (const auto& [key, value] : fields) {
    line += ' ';
    line += key;
    line += '=';
    append_value(line, value);
  }
  Logger logger(bl::keywords::channel = std::string(channel));
  BOOST_LOG_SEV(logger, level) << line;
}

std::optional<int> RepeatLimiter::admit(const std::string& key, const std::string& text,
                                        std::chrono::sys_seconds now) {
  auto it = m_seen.find(key);
  if (it == m_seen.end() || it->second.text != text) {
    m_seen[key] = Seen{text, now, 0};
    return 0;
  }
  Seen& seen = it->second;
  if (now - seen.logged_at < m_window) {
    ++seen.suppressed;
    return std::nullopt;
  }
  const int suppressed = seen.suppressed;
  seen.logged_at = now;
  seen.suppressed = 0;
  return suppressed;
}

}  // namespace hw::log
