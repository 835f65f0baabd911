// hypewatch: the command-line tool. Parses the command line (command_line.cpp), hands over to a
// command, and turns what went wrong into one line and a sysexits code (exit_codes.h).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/search_query.h"
#include "cli/terminal.h"
#include "cli/time_filter.h"
#include "util/log.h"
#include "util/printable.h"

namespace {

using hw::cli::CommandLine;
using hw::cli::UsageError;

hw::cli::Invocation invocation(const CommandLine& cl) {
  hw::cli::Invocation inv;
  if (!cl.config.empty()) {
    inv.paths.config = cl.config;
  }
  if (!cl.db.empty()) {
    inv.paths.db = cl.db;
  }
  inv.json = cl.json;
  inv.csv = cl.csv;
  inv.log_level = cl.log_level;
  const auto terminal = hw::cli::stdout_terminal();
  inv.width =
      hw::cli::table_width(cl.width, terminal.is_tty, std::getenv("COLUMNS"), terminal.columns);
  inv.color = hw::cli::use_color(cl.color, terminal.is_tty, std::getenv("NO_COLOR"));
  return inv;
}

int dispatch(const CommandLine& cl) {
  const auto inv = invocation(cl);
  const std::string& command = cl.command;
  std::optional<hw::TimePoint> since;
  if (!cl.since.empty()) {
    since = hw::cli::parse_since(cl.since, hw::SystemClock{}.now());
    if (!since) {
      throw UsageError("--since '" + cl.since +
                       "': expected 2012-05-24, 2012-05-24T16:00:00Z or an age like 7d");
    }
  }
  if (command == "poll") {
    return hw::cli::cmd_poll(inv, cl.once, std::cout);
  }
  if (command == "demo") {
    return hw::cli::cmd_demo(inv, std::cout);
  }
  if (command == "claims") {
    return hw::cli::cmd_claims(inv, cl.all, cl.status, std::cout);
  }
  if (command == "history") {
    return hw::cli::cmd_history(inv, cl.claim, std::cout);
  }
  if (command == "alerts") {
    return hw::cli::cmd_alerts(inv, cl.undelivered, since, cl.alerts_limit, std::cout);
  }
  if (command == "stories") {
    return hw::cli::cmd_stories(inv, cl.claim, since, cl.limit, std::cout);
  }
  if (command == "search") {
    std::string query;
    for (const auto& word : cl.args) {
      query += (query.empty() ? "" : " ") + word;
    }
    return hw::cli::cmd_search(inv, cl.fts ? query : hw::cli::fts_query_for_words(query), cl.limit,
                               std::cout);
  }
  if (command == "show") {
    return hw::cli::cmd_show(inv, cl.story_id, std::cout);
  }
  if (command == "stats") {
    return hw::cli::cmd_stats(inv, std::cout);
  }
  if (command == "classify") {
    // Buffered standard streams: classify reads and writes a line per pair, tens of
    // thousands per second; nothing has been printed yet.
    std::ios::sync_with_stdio(false);
    return hw::cli::cmd_classify(cl.claims_rules, std::cin, std::cout, std::cerr);
  }
  if (command == "rescan") {
    const hw::SystemClock clock;
    return hw::cli::cmd_rescan(inv, cl.args, clock, std::cout);
  }
  if (command == "claim test") {
    if (cl.claim.empty() == cl.statement.empty()) {
      throw UsageError("name one claim of the claims file, or pass --statement TEXT, not both");
    }
    return hw::cli::cmd_claim_test(inv, {cl.claim, cl.statement, cl.explain}, std::cout);
  }
  if (command == "claim set-status") {
    const hw::SystemClock clock;
    return hw::cli::cmd_claim_set_status(inv, cl.claim, cl.status, cl.reason, clock, std::cout);
  }
  if (command == "digest") {
    if (cl.send == cl.dry_run) {
      throw UsageError("pass exactly one of --send or --dry-run");
    }
    return hw::cli::cmd_digest(inv, cl.send, cl.html, std::cout);
  }
  if (command == "feeds") {
    return hw::cli::cmd_feeds(inv, std::cout);
  }
  if (command == "export claimreview") {
    return hw::cli::cmd_export_claimreview(inv, {cl.args, cl.base_uri, cl.author}, std::cout,
                                           std::cerr);
  }
  if (command == "export") {
    throw UsageError("name what to export: `hypewatch export claimreview [CLAIM...]`");
  }
  if (command.starts_with("feeds ")) {
    hw::cli::FeedsCommand feeds{command.substr(6), cl.args, cl.name, cl.interval, cl.kind};
    return hw::cli::cmd_feeds_manage(inv, feeds, std::cout, std::cerr);
  }
  return hw::cli::cmd_parse(cl.source, cl.base_uri, cl.content_type, std::cout, std::cerr);
}

int run(const std::vector<std::string>& args) {
  auto parsed = hw::cli::parse_command_line(args, std::cout, std::cerr);
  if (const int* code = std::get_if<int>(&parsed)) {
    return *code;
  }
  const auto& cl = std::get<CommandLine>(parsed);
  hw::log::Level level = hw::log::Level::warning;
  if (!cl.log_level.empty()) {
    level = hw::log::level_from_string(cl.log_level).value_or(level);  // checked by the parser
  }
  (void)hw::log::init(level, hw::log::Sink::console);  // no file: cannot fail
  try {
    return dispatch(cl);
  } catch (const hw::Failure& e) {
    std::cerr << "hypewatch " << cl.command << ": " << hw::printable(e.what());
    if (dynamic_cast<const UsageError*>(&e) != nullptr) {
      std::cerr << " (try `hypewatch " << cl.command << " --help`)";
    }
    std::cerr << "\n";
    return hw::cli::exit_code_for(e);
  }
}

}  // namespace

int main(int argc, char** argv) {
  hw::app::keep_freed_memory();
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "hypewatch: internal error: " << hw::printable(e.what()) << "\n";
    return EX_SOFTWARE;
  }
}
