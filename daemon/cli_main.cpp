// hypewatch: the command-line tool. Parses the command line and hands over to a command.
#include <boost/program_options.hpp>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "daemon/commands.h"
#include "storage/store.h"
#include "util/log.h"

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage = R"(usage: hypewatch [--config FILE] [--db FILE] COMMAND [ARGS]

Watches news feeds for claims and tracks each claim's status.

commands:
  poll --once            run one poll cycle (fetch, parse, store, match, alerts) and exit
  demo                   one cycle of the shipped example feeds against the shipped claims,
                         into a fresh temporary database; prints alerts, claims and history
  claims [--json]        the claims table: id, status, since, matches
  history CLAIM [--json] the status timeline of one claim with its evidence stories
  alerts [--undelivered] [--json]
                         alerts, oldest first
  feeds [--json]         per-feed poll state and last error
  parse [--base-uri URI] [--content-type CT] FILE_OR_URL
                         print a feed document as normalized JSON

common options (accepted by every command):
)";

struct Common {
  std::string config;
  std::string db;
  std::string log_level;
};

po::options_description common_options(Common& c) {
  po::options_description d("common options");
  d.add_options()("help,h", "show this help")(
      "config", po::value(&c.config)->value_name("FILE"),
      ("configuration file (default: " + hw::app::default_config_path().string() + ")").c_str())(
      "db", po::value(&c.db)->value_name("FILE"),
      ("database file (default: config's `database`, else " +
       hw::app::default_database_path().string() + ")")
          .c_str())("log-level", po::value(&c.log_level)->value_name("LEVEL"),
                    "debug, info, warning (default) or error");
  return d;
}

// The command is the first word that is not an option or an option's value.
std::optional<std::size_t> find_command(const std::vector<std::string>& args) {
  static const std::set<std::string> takes_value{"--config", "--db", "--log-level"};
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (takes_value.contains(args[i])) {
      ++i;
      continue;
    }
    if (!args[i].starts_with("-")) {
      return i;
    }
  }
  return std::nullopt;
}

int run(const std::vector<std::string>& all_args) {
  Common common;
  auto common_desc = common_options(common);
  const auto pos = find_command(all_args);
  if (!pos) {
    for (const auto& a : all_args) {
      if (a == "--help" || a == "-h") {
        std::cout << kUsage << common_desc << "\n";
        return 0;
      }
    }
    std::cerr << "hypewatch: missing command (try `hypewatch --help`)\n";
    return 2;
  }
  const std::string command = all_args[*pos];
  std::vector<std::string> args = all_args;
  args.erase(args.begin() + static_cast<std::ptrdiff_t>(*pos));

  static const std::set<std::string> known{"poll",   "demo",  "claims", "history",
                                           "alerts", "feeds", "parse"};
  if (!known.contains(command)) {
    std::cerr << "hypewatch: unknown command '" << command << "' (try `hypewatch --help`)\n";
    return 2;
  }

  po::options_description specific(command + " options");
  po::positional_options_description positional;
  bool json = false, once = false, undelivered = false;
  std::string claim, source, base_uri, content_type;
  if (command == "poll") {
    specific.add_options()("once", po::bool_switch(&once), "run one cycle and exit");
  } else if (command == "claims" || command == "feeds") {
    specific.add_options()("json", po::bool_switch(&json), "JSON output");
  } else if (command == "history") {
    specific.add_options()("json", po::bool_switch(&json), "JSON output")(
        "claim", po::value(&claim)->required(), "claim id");
    positional.add("claim", 1);
  } else if (command == "alerts") {
    specific.add_options()("json", po::bool_switch(&json), "JSON output")(
        "undelivered", po::bool_switch(&undelivered), "only alerts not yet delivered");
  } else if (command == "parse") {
    specific.add_options()("base-uri", po::value(&base_uri), "document URI for relative links")(
        "content-type", po::value(&content_type), "HTTP Content-Type (charset hint)")(
        "source", po::value(&source)->required(), "file or URL");
    positional.add("source", 1);
  }
  po::options_description all;
  all.add(common_desc).add(specific);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << kUsage << all << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "hypewatch " << command << ": " << e.what() << " (try `hypewatch " << command
              << " --help`)\n";
    return 2;
  }

  hw::log::Level level = hw::log::Level::warning;
  if (!common.log_level.empty()) {
    auto parsed = hw::log::level_from_string(common.log_level);
    if (!parsed) {
      std::cerr << "hypewatch: --log-level must be debug, info, warning or error\n";
      return 2;
    }
    level = *parsed;
  }
  hw::log::init(level, hw::log::Sink::console);

  hw::app::Invocation inv;
  if (!common.config.empty()) {
    inv.paths.config = common.config;
  }
  if (!common.db.empty()) {
    inv.paths.db = common.db;
  }
  inv.json = json;
  inv.log_level = common.log_level;

  try {
    if (command == "poll") {
      return hw::app::cmd_poll(inv, once, std::cout);
    }
    if (command == "demo") {
      return hw::app::cmd_demo(inv, std::cout);
    }
    if (command == "claims") {
      return hw::app::cmd_claims(inv, std::cout);
    }
    if (command == "history") {
      return hw::app::cmd_history(inv, claim, std::cout);
    }
    if (command == "alerts") {
      return hw::app::cmd_alerts(inv, undelivered, std::cout);
    }
    if (command == "feeds") {
      return hw::app::cmd_feeds(inv, std::cout);
    }
    return hw::app::cmd_parse(source, base_uri, content_type, std::cout, std::cerr);
  } catch (const hw::Failure& e) {
    std::cerr << "hypewatch " << command << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "hypewatch: internal error: " << e.what() << "\n";
    return 70;  // EX_SOFTWARE
  }
}
