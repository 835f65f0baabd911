// hypewatch: the command-line tool. Parses the command line and hands over to a command.
#include <boost/program_options.hpp>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/time_filter.h"
#include "storage/store.h"
#include "util/log.h"
#include "util/printable.h"

namespace po = boost::program_options;

namespace {

constexpr const char* kUsage = R"(usage: hypewatch [--config FILE] [--db FILE] COMMAND [ARGS]

Watches news feeds for claims and tracks each claim's status.

commands:
  poll --once            run one poll cycle (fetch, parse, store, match, alerts) and exit
  demo                   one cycle of the shipped example feeds against the shipped claims,
                         into a fresh temporary database; prints alerts, claims and history
  claims [--all]         the claims table: id, status, since, matches, stories in the last
                         24 h / 7 d and trend; --all adds retired claims (gone from the file)
  history CLAIM [--json] the status timeline of one claim with its evidence stories
  alerts [--undelivered] [--since T]
                         alerts, oldest first
  stories [--claim C] [--since T] [--limit N]
                         stories, newest first, with the claims they matched
  search TEXT [--limit N]
                         full-text search over stories (SQLite FTS5 syntax)
  stats                  counts of feeds, stories, matches, alerts; database size
  feeds [--json]         per-feed health: state, last poll, HTTP status, errors, next poll,
                         stories, last error with URL and reason
  feeds add URL... [--name NAME] [--interval DURATION] [--kind news|factcheck]
                         add feeds to the database (config [[feed]]s are synced there too)
  feeds remove URL|ID... stop polling feeds (their stories are kept)
  feeds import FILE.opml | feeds export
                         OPML subscription lists in and out
  digest --dry-run [--html] | --send
                         show the digest of undelivered alerts, or send it now
  export claimreview [CLAIM...] [--base-url URL] [--author NAME]
                         schema.org ClaimReview JSON-LD for claims with a verdict
  parse [--base-uri URI] [--content-type CT] FILE_OR_URL
                         print a feed document as normalized JSON
  classify [--claims RULES]
                         JSON lines {"id","claim","title","body"} on stdin -> one line
                         {"id","related","stance","score"} per input (claim: an id from
                         RULES or a free statement)
  claim set-status CLAIM STATUS --reason TEXT
                         set a claim's status by hand (history actor "manual"; the engine
                         then leaves it alone)
  claim test CLAIM | claim test --statement TEXT [--explain]
                         which stored stories would match the claim (as the claims file has
                         it now) or a draft statement, with stance, score and, with --explain,
                         the rule and evidence; records nothing
  rescan [CLAIM...]      evaluate claims (default: all) against the stories already stored;
                         alerts raised are marked backfill (poll does this by itself for new
                         and changed claims)

Tables are for people; claims, history, alerts, feeds, stories, search and stats also take
--json, and the tables --csv, for scripts (also claim test and rescan).

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

  static const std::set<std::string> known{"poll",    "demo",   "claims", "history",  "alerts",
                                           "feeds",   "parse",  "digest", "classify", "claim",
                                           "stories", "search", "stats",  "rescan",
                                           "export"};
  if (!known.contains(command)) {
    std::cerr << "hypewatch: unknown command '" << command << "' (try `hypewatch --help`)\n";
    return 2;
  }

  po::options_description specific(command + " options");
  po::positional_options_description positional;
  bool json = false, once = false, undelivered = false, send = false, dry_run = false, html = false;
  bool all_claims = false, explain = false;
  std::string statement;
  std::string claim, source, base_uri, content_type;
  hw::app::FeedsCommand feeds_cmd;
  std::string claims_rules, reason;
  bool csv = false;
  std::string since_text, search_text;
  int limit = 50;
  // Tables for people; --json and --csv for scripts.
  auto add_output = [&] {
    specific.add_options()("json", po::bool_switch(&json), "JSON output")(
        "csv", po::bool_switch(&csv), "CSV output (RFC 4180), cells never shortened");
  };
  std::vector<std::string> claim_args;
  if (command == "classify") {
    specific.add_options()("claims", po::value(&claims_rules)->value_name("RULES"),
                           "claims file: `claim` may then be one of its ids");
  } else if (command == "claim") {
    add_output();
    specific.add_options()("reason", po::value(&reason)->value_name("TEXT"),
                           "set-status: why (goes into the history)")(
        "statement", po::value(&statement)->value_name("TEXT"),
        "test: a draft statement instead of a claim id")(
        "explain", po::bool_switch(&explain), "test: show each match's rule and evidence")(
        "claim-args", po::value(&claim_args), "set-status CLAIM STATUS | test [CLAIM]");
    positional.add("claim-args", -1);
  } else if (command == "rescan") {
    add_output();
    specific.add_options()("claim-args", po::value(&claim_args), "claim ids (default: all)");
    positional.add("claim-args", -1);
  } else if (command == "export") {
    specific.add_options()("base-url", po::value(&base_uri)->value_name("URL"),
                           "each review's url: URL + claim id")(
        "author", po::value(&reason)->value_name("NAME"), "the reviewing organisation")(
        "claim-args", po::value(&claim_args), "claimreview [CLAIM...]");
    positional.add("claim-args", -1);
  } else if (command == "poll") {
    specific.add_options()("once", po::bool_switch(&once), "run one cycle and exit");
  } else if (command == "feeds") {
    specific.add_options()("json", po::bool_switch(&json), "JSON output")(
        "csv", po::bool_switch(&csv), "CSV output (RFC 4180), cells never shortened")(
        "name", po::value(&feeds_cmd.name), "feeds add/import: a name for people")(
        "interval", po::value(&feeds_cmd.interval),
        "feeds add/import: poll interval for these feeds (e.g. 15m)")(
        "kind", po::value(&feeds_cmd.kind),
        "feeds add: news (default) or factcheck (items judged from their pages' ClaimReview)")(
        "feeds-args", po::value(&feeds_cmd.args), "action and its arguments");
    positional.add("feeds-args", -1);
  } else if (command == "claims") {
    add_output();
    specific.add_options()("all", po::bool_switch(&all_claims),
                           "also retired claims (no longer in the claims file)");
  } else if (command == "stories") {
    add_output();
    specific.add_options()("claim", po::value(&claim), "only stories matching this claim")(
        "since", po::value(&since_text)->value_name("T"),
        "published since T: 2012-05-24, 2012-05-24T16:00:00Z or an age like 7d")(
        "limit", po::value(&limit), "at most this many (default 50)");
  } else if (command == "search") {
    add_output();
    specific.add_options()("text", po::value(&search_text)->required(),
                           "FTS5 query, e.g. 'yemen AND advert*'")(
        "limit", po::value(&limit), "at most this many (default 50)");
    positional.add("text", 1);
  } else if (command == "stats") {
    add_output();
  } else if (command == "history") {
    specific.add_options()("json", po::bool_switch(&json), "JSON output")(
        "claim", po::value(&claim)->required(), "claim id");
    positional.add("claim", 1);
  } else if (command == "alerts") {
    add_output();
    specific.add_options()("undelivered", po::bool_switch(&undelivered),
                           "only alerts not yet delivered")(
        "since", po::value(&since_text)->value_name("T"),
        "raised since T: 2026-11-20, 2026-11-20T08:00:00Z or an age like 24h");
  } else if (command == "digest") {
    specific.add_options()("send", po::bool_switch(&send), "send the digest now")(
        "dry-run", po::bool_switch(&dry_run), "print the digest; change nothing")(
        "html", po::bool_switch(&html), "with --dry-run: print the HTML part");
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
  (void)hw::log::init(level, hw::log::Sink::console);  // no file: cannot fail

  hw::app::Invocation inv;
  if (!common.config.empty()) {
    inv.paths.config = common.config;
  }
  if (!common.db.empty()) {
    inv.paths.db = common.db;
  }
  inv.json = json;
  inv.csv = csv;
  if (json && csv) {
    std::cerr << "hypewatch " << command << ": choose one of --json and --csv\n";
    return 2;
  }
  std::optional<hw::TimePoint> since;
  if (!since_text.empty()) {
    since = hw::app::parse_since(since_text, hw::SystemClock{}.now());
    if (!since) {
      std::cerr << "hypewatch " << command << ": --since '" << since_text
                << "': expected 2012-05-24, 2012-05-24T16:00:00Z or an age like 7d\n";
      return 2;
    }
  }
  if (limit < 1) {
    std::cerr << "hypewatch " << command << ": --limit must be at least 1\n";
    return 2;
  }
  inv.log_level = common.log_level;

  try {
    if (command == "poll") {
      return hw::app::cmd_poll(inv, once, std::cout);
    }
    if (command == "demo") {
      return hw::app::cmd_demo(inv, std::cout);
    }
    if (command == "claims") {
      return hw::app::cmd_claims(inv, all_claims, std::cout);
    }
    if (command == "history") {
      return hw::app::cmd_history(inv, claim, std::cout);
    }
    if (command == "alerts") {
      return hw::app::cmd_alerts(inv, undelivered, since, std::cout);
    }
    if (command == "stories") {
      return hw::app::cmd_stories(inv, claim, since, limit, std::cout);
    }
    if (command == "search") {
      return hw::app::cmd_search(inv, search_text, limit, std::cout);
    }
    if (command == "stats") {
      return hw::app::cmd_stats(inv, std::cout);
    }
    if (command == "classify") {
      // Buffered standard streams: classify reads and writes a line per pair, tens of
      // thousands per second; nothing has been printed yet.
      std::ios::sync_with_stdio(false);
      return hw::app::cmd_classify(claims_rules, std::cin, std::cout, std::cerr);
    }
    if (command == "rescan") {
      const hw::SystemClock clock;
      return hw::app::cmd_rescan(inv, claim_args, clock, std::cout);
    }
    if (command == "claim" && !claim_args.empty() && claim_args[0] == "test") {
      if (claim_args.size() > 2 || (claim_args.size() == 2) == !statement.empty()) {
        std::cerr << "hypewatch claim test: name one claim of the claims file, or pass "
                     "--statement TEXT (usage: hypewatch claim test CLAIM | hypewatch claim test "
                     "--statement TEXT [--explain])\n";
        return 2;
      }
      return hw::app::cmd_claim_test(
          inv, {claim_args.size() == 2 ? claim_args[1] : std::string(), statement, explain},
          std::cout);
    }
    if (command == "claim") {
      if (claim_args.size() != 3 || claim_args[0] != "set-status") {
        std::cerr << "hypewatch claim: usage: hypewatch claim set-status CLAIM STATUS --reason "
                     "TEXT | hypewatch claim test CLAIM|--statement TEXT [--explain]\n";
        return 2;
      }
      const hw::SystemClock clock;
      return hw::app::cmd_claim_set_status(inv, claim_args[1], claim_args[2], reason, clock,
                                           std::cout);
    }
    if (command == "export") {
      if (claim_args.empty() || claim_args[0] != "claimreview") {
        std::cerr << "hypewatch export: usage: hypewatch export claimreview [CLAIM...] "
                     "[--base-url URL] [--author NAME]\n";
        return 2;
      }
      return hw::app::cmd_export_claimreview(
          inv, {{claim_args.begin() + 1, claim_args.end()}, base_uri, reason}, std::cout,
          std::cerr);
    }
    if (command == "digest") {
      if (send == dry_run) {
        std::cerr << "hypewatch digest: pass exactly one of --send or --dry-run\n";
        return 2;
      }
      return hw::app::cmd_digest(inv, send, html, std::cout);
    }
    if (command == "feeds") {
      if (!feeds_cmd.args.empty()) {
        feeds_cmd.action = feeds_cmd.args.front();
        feeds_cmd.args.erase(feeds_cmd.args.begin());
        return hw::app::cmd_feeds_manage(inv, feeds_cmd, std::cout, std::cerr);
      }
      return hw::app::cmd_feeds(inv, std::cout);
    }
    return hw::app::cmd_parse(source, base_uri, content_type, std::cout, std::cerr);
  } catch (const hw::Failure& e) {
    std::cerr << "hypewatch " << command << ": " << hw::printable(e.what()) << "\n";
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "hypewatch: internal error: " << hw::printable(e.what()) << "\n";
    return 70;  // EX_SOFTWARE
  }
}
