#pragma once
// The `hypewatch` command line (CLI11): every command, its options and its help, parsed into a
// CommandLine that cli_main.cpp hands to a command.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/terminal.h"

namespace hw::cli {

struct CommandLine {
  std::string command;                // "claims", "feeds add", "claim test", …
  std::string config, db, log_level;  // common options; empty = default
  ColorWhen color = ColorWhen::automatic;
  std::optional<int> width;  // --width
  bool json = false, csv = false;
  bool once = false, undelivered = false, send = false, dry_run = false, html = false;
  bool all = false, explain = false, fts = false;
  int limit = 50;
  std::optional<int> alerts_limit;  // alerts: all unless asked
  std::string claim, status, statement, reason, since;
  std::string source, base_uri, content_type, claims_rules, name, interval, kind, author;
  std::vector<std::string> args;  // the command's positional words (ids, URLs, query words)
  std::int64_t story_id = 0;
};

// Parses the arguments after the program name. Returns the command to run, or the exit code when
// the command line was fully handled here: help or version printed to `out` (0), or a usage
// error printed to `err`, naming the argument and suggesting a fix where it can (EX_USAGE).
std::variant<CommandLine, int> parse_command_line(const std::vector<std::string>& args,
                                                  std::ostream& out, std::ostream& err);

}  // namespace hw::cli
