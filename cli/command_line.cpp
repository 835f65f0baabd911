#include "cli/command_line.h"

#include <sysexits.h>
#include <CLI/CLI.hpp>
#include <charconv>
#include <ostream>

#include "app/app.h"
#include "util/suggest.h"

namespace hw::cli {
namespace {

// The global help is written by hand: a command list people can scan beats CLI11's
// alphabetical one-liners. Each command's own help (`CMD --help`) comes from CLI11.
constexpr const char* kUsage = R"(usage: hypewatch [--config FILE] [--db FILE] COMMAND [ARGS]

Watches news feeds for claims and tracks each claim's status.

commands:
  poll --once            run one poll cycle (fetch, parse, store, match, alerts) and exit
  demo                   one cycle of the shipped example feeds against the shipped claims,
                         into a fresh temporary database; prints alerts, claims and history
  claims [--all] [--status S]
                         the claims table: id, status, since, matches, stories in the last
                         24 h / 7 d and trend; --all adds retired claims (gone from the file)
  history CLAIM          the status timeline of one claim with its evidence stories
  alerts [--undelivered] [--since T] [--limit N]
                         alerts, newest first
  stories [--claim C] [--since T] [--limit N]
                         stories, newest first, with the claims they matched
  search WORDS... [--fts] [--limit N]
                         full-text search over stories; --fts: SQLite FTS5 query syntax
  show STORY             one story by the id `stories` and `search` print: text, revisions,
                         and its matches with stance, score, rule and evidence
  stats                  counts of feeds, stories, matches, alerts; database size
  feeds                  per-feed health: name, state, last poll, HTTP status, errors, next
                         poll, stories, last error with URL and reason
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
  help [COMMAND]         this help, or one command's (same as `hypewatch COMMAND --help`)

Tables are for people; claims, history, alerts, feeds, stories, search, show and stats also
take --json, and the tables --csv, for scripts (also claim test and rescan).
Exit status: 0 success, 64 usage error, 65 bad input data, 66 not found, 69 service
unavailable, 70 internal error, 73 cannot create, 74 database error, 75 database busy,
78 configuration error (README.md, "Exit codes").

)";

// Once, in the global help; each command's help points here in one line.
std::string common_options() {
  return "common options (accepted by every command, before or after it):\n"
         "  --config FILE      configuration file (default: " +
         app::default_config_path().string() +
         ")\n"
         "  --db FILE          database file (default: config's `database`, else " +
         app::default_database_path().string() +
         ")\n"
         "  --log-level LEVEL  debug, info, warning (default) or error\n"
         "  --color WHEN       colour in tables: auto (default: on a terminal, unless NO_COLOR\n"
         "                     is set), always or never\n"
         "  --width COLUMNS    fit tables into COLUMNS (default: the terminal's width; output\n"
         "                     to a pipe or file is never cut)\n"
         "  -h, --help         this help; `hypewatch COMMAND --help`: one command's\n"
         "  --version          print the version\n";
}

constexpr const char* kFooter =
    "Common options: --config FILE, --db FILE, --log-level LEVEL, --color WHEN, --width COLUMNS "
    "(hypewatch --help).";

std::vector<const CLI::App*> subcommands(const CLI::App* app) {
  return app->get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* find_subcommand(const CLI::App* app, std::string_view name) {
  for (const CLI::App* s : subcommands(app)) {
    if (s->get_name() == name) {
      return s;
    }
  }
  return nullptr;
}

bool has_positionals(const CLI::App* app) {
  return !app->get_options([](const CLI::Option* o) { return !o->nonpositional(); }).empty();
}

// "hypewatch feeds add": the name people type, for usage lines and messages.
std::string full_name(const CLI::App* app) {
  std::string name = app->get_name();
  for (const CLI::App* p = app->get_parent(); p != nullptr; p = p->get_parent()) {
    name = p->get_name() + " " + name;
  }
  return name;
}

// An option this command accepts: its own, or a common one (they fall through to the parents).
const CLI::Option* find_option(const CLI::App* app, std::string_view name, bool is_long) {
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      const auto& names = is_long ? o->get_lnames() : o->get_snames();
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        return o;
      }
    }
  }
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& n : o->get_lnames()) {
        names.push_back("--" + n);
      }
    }
  }
  return names;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& known) {
  const auto guess = nearest(typed, known);
  return guess ? " (did you mean '" + *guess + "'?)" : "";
}

struct Refusal {
  std::string where;  // "hypewatch feeds add"
  std::string message;
};

// Walks the words as CLI11 will, to name an unknown command or option with a suggestion before
// CLI11 reports it as an unexpected argument. Returns the deepest command reached.
const CLI::App* check_words(const CLI::App& root, const std::vector<std::string>& args) {
  const CLI::App* at = &root;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      break;
    }
    if (a.starts_with("--")) {
      const std::string name =
          a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2);
      const CLI::Option* o = find_option(at, name, true);
      if (o == nullptr) {
        const std::string typed = "--" + name;
        throw Refusal{full_name(at),
                      "unknown option '" + typed + "'" + did_you_mean(typed, option_names(at))};
      }
      if (o->get_expected_min() > 0 && a.find('=') == std::string::npos) {
        ++i;  // its value
      }
      continue;
    }
    if (a.size() > 1 && a.starts_with("-")) {
      const CLI::Option* o = find_option(at, a.substr(1, 1), false);
      if (o == nullptr) {
        throw Refusal{full_name(at), "unknown option '" + a + "'"};
      }
      if (o->get_expected_min() > 0 && a.size() == 2) {
        ++i;
      }
      continue;
    }
    if (const CLI::App* sub = find_subcommand(at, a)) {
      at = sub;
      continue;
    }
    if (!subcommands(at).empty() && !has_positionals(at)) {
      std::vector<std::string> names;
      for (const CLI::App* s : subcommands(at)) {
        names.push_back(s->get_name());
      }
      const std::string where = at == &root ? "" : " '" + full_name(at).substr(10) + " " + a + "'";
      throw Refusal{full_name(at), "unknown command" + (where.empty() ? " '" + a + "'" : where) +
                                       did_you_mean(a, names)};
    }
  }
  return at;
}

const CLI::App* deepest_parsed(const CLI::App* app) {
  const auto parsed = app->get_subcommands();
  return parsed.empty() ? app : deepest_parsed(parsed.back());
}

std::string help_of(const CLI::App* app) {
  return app->get_parent() == nullptr ? std::string(kUsage) + common_options()
                                      : app->help(full_name(app->get_parent()));
}

// The words after `help` when the command is `help` ("hypewatch --db x help feeds add").
std::optional<std::vector<std::string>> help_words(const CLI::App& root,
                                                   const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.starts_with("-")) {
      const CLI::Option* o = a.starts_with("--") ? find_option(&root, a.substr(2), true) : nullptr;
      i += o != nullptr && o->get_expected_min() > 0 ? 1 : 0;
      continue;
    }
    if (a != "help") {
      return std::nullopt;
    }
    std::vector<std::string> words;
    for (std::size_t j = i + 1; j < args.size(); ++j) {
      if (!args[j].starts_with("-")) {
        words.push_back(args[j]);
      }
    }
    return words;
  }
  return std::nullopt;
}

int help_command(const CLI::App& root, const std::vector<std::string>& words, std::ostream& out,
                 std::ostream& err) {
  const CLI::App* at = &root;
  std::string asked;
  for (const auto& word : words) {
    std::vector<std::string> names;
    for (const CLI::App* s : subcommands(at)) {
      names.push_back(s->get_name());
    }
    asked += (asked.empty() ? "" : " ") + word;
    const CLI::App* sub = find_subcommand(at, word);
    if (sub == nullptr) {
      err << "hypewatch help: unknown command '" << asked << "'" << did_you_mean(word, names)
          << " (try `hypewatch --help`)\n";
      return EX_USAGE;
    }
    at = sub;
  }
  out << help_of(at);
  return 0;
}

// A story id: a positive number that fits 64 bits. Checked on the text, before CLI11 converts
// it: CLI11 2.1 turns an int64 that overflows into the largest one without a word.
CLI::Validator story_id_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::int64_t id = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, id);
        if (ec != std::errc() || ptr != end || id < 1) {
          return "'" + text + "' is not a story id (a number from 1 to 9223372036854775807)";
        }
        return "";
      },
      "");
}

class Parser {
 public:
  Parser() {
    m_app.set_help_flag("-h,--help", "this help");
    m_app.set_version_flag("--version", std::string("hypewatch ") + HW_VERSION);
    m_app.add_option("--config", m_cl.config, "configuration file")->type_name("FILE");
    m_app.add_option("--db", m_cl.db, "database file")->type_name("FILE");
    m_app.add_option("--log-level", m_cl.log_level, "debug, info, warning or error")
        ->type_name("LEVEL")
        ->check(CLI::IsMember({"debug", "info", "warning", "error"}).description(""));
    m_app.add_option("--color,--colour", m_color, "auto, always or never")
        ->type_name("WHEN")
        ->check(CLI::IsMember({"auto", "always", "never"}).description(""));
    m_app.add_option("--width", m_width, "fit tables into COLUMNS")
        ->type_name("COLUMNS")
        ->check(CLI::Range(20, 10000).description(""));
    m_app.get_formatter()->label("REQUIRED", "(required)");
    m_app.get_formatter()->column_width(26);
    define_commands();
  }

  std::variant<CommandLine, int> parse(const std::vector<std::string>& args, std::ostream& out,
                                       std::ostream& err);

 private:
  CLI::App* command(CLI::App* parent, const std::string& name, const std::string& about) {
    CLI::App* s = parent->add_subcommand(name, about);
    s->fallthrough();
    s->set_help_flag("-h,--help", "this help");
    s->footer(kFooter);
    return s;
  }
  void output_options(CLI::App* s) {
    s->add_flag("--json", m_cl.json, "JSON output");
    s->add_flag("--csv", m_cl.csv, "CSV output (RFC 4180), cells never shortened");
  }
  void limit_option(CLI::App* s, int& into, const std::string& what) {
    s->add_option("--limit", into, what)
        ->type_name("N")
        ->check(CLI::Range(1, 1000000).description(""));
  }
  void since_option(CLI::App* s, const std::string& what) {
    s->add_option("--since", m_cl.since,
                  what + " since T: 2012-05-24, 2012-05-24T16:00:00Z or an age like 7d")
        ->type_name("T");
  }
  void define_commands();

  CLI::App m_app{"Watches news feeds for claims and tracks each claim's status.", "hypewatch"};
  CommandLine m_cl;
  std::string m_color = "auto";
  std::optional<int> m_width;
  int m_alerts_limit = 0;
};

void Parser::define_commands() {
  command(&m_app, "poll", "run one poll cycle (fetch, parse, store, match, alerts) and exit")
      ->add_flag("--once", m_cl.once, "run one cycle and exit (the daemon polls for ever)");
  command(&m_app, "demo", "the shipped example feeds and claims, into a temporary database");

  auto* claims = command(&m_app, "claims", "the claims table");
  output_options(claims);
  claims->add_flag("--all", m_cl.all, "also retired claims (no longer in the claims file)");
  claims
      ->add_option("--status", m_cl.status,
                   "only claims with this status: tracked, reported, disputed, clarified, "
                   "confirmed or retracted")
      ->type_name("STATUS")
      ->check(
          CLI::IsMember({"tracked", "reported", "disputed", "clarified", "confirmed", "retracted"})
              .description(""));

  auto* history = command(&m_app, "history", "the status timeline of one claim");
  history->add_flag("--json", m_cl.json, "JSON output");
  history->add_option("CLAIM", m_cl.claim, "the claim's id (see `hypewatch claims`)")
      ->required()
      ->type_name("");

  auto* alerts = command(&m_app, "alerts", "alerts, newest first");
  output_options(alerts);
  alerts->add_flag("--undelivered", m_cl.undelivered, "only alerts not yet delivered");
  since_option(alerts, "raised");
  limit_option(alerts, m_alerts_limit, "the newest N only");

  auto* stories = command(&m_app, "stories", "stories, newest first, with the claims they matched");
  output_options(stories);
  stories->add_option("--claim", m_cl.claim, "only stories matching this claim")
      ->type_name("CLAIM");
  since_option(stories, "published");
  limit_option(stories, m_cl.limit, "at most N (default 50)");

  auto* search = command(&m_app, "search", "full-text search over stories");
  output_options(search);
  search->add_flag("--fts", m_cl.fts,
                   "WORDS are an SQLite FTS5 query (AND, OR, NOT, \"phrases\", prefix*)");
  limit_option(search, m_cl.limit, "at most N (default 50)");
  search
      ->add_option("WORDS", m_cl.args,
                   "words the story must contain, as typed (punctuation is fine); a trailing * "
                   "matches a prefix")
      ->required()
      ->type_name("");

  auto* show = command(&m_app, "show", "one story with its revisions and matches");
  show->add_flag("--json", m_cl.json, "JSON output");
  show->add_option("STORY", m_cl.story_id, "the story's id, as `stories` and `search` print it")
      ->required()
      ->type_name("")
      ->check(story_id_check());

  output_options(command(&m_app, "stats", "counts of feeds, stories, matches, alerts"));

  auto* feeds = command(&m_app, "feeds", "per-feed health; add, remove, import, export feeds");
  output_options(feeds);
  auto* add = command(feeds, "add", "add feeds to the database");
  add->add_option("URL", m_cl.args, "feed URLs or files")->required()->type_name("");
  for (auto* s : {add, command(feeds, "import", "add the feeds of an OPML file")}) {
    s->add_option("--name", m_cl.name, "a name for people")->type_name("NAME");
    s->add_option("--interval", m_cl.interval, "poll interval for these feeds (e.g. 15m)")
        ->type_name("DURATION");
  }
  add->add_option("--kind", m_cl.kind,
                  "news (default) or factcheck: items judged from their pages' ClaimReview")
      ->type_name("KIND")
      ->check(CLI::IsMember({"news", "factcheck"}).description(""));
  feeds->get_subcommand("import")
      ->add_option("FILE", m_cl.args, "an OPML file")
      ->required()
      ->expected(1)
      ->type_name("");
  command(feeds, "remove", "stop polling feeds (their stories are kept)")
      ->add_option("FEED", m_cl.args, "feed URLs or ids (see `hypewatch feeds`)")
      ->required()
      ->type_name("");
  command(feeds, "export", "the enabled feeds as OPML");

  auto* digest = command(&m_app, "digest", "the digest of undelivered alerts");
  digest->add_flag("--send", m_cl.send, "send the digest now");
  digest->add_flag("--dry-run", m_cl.dry_run, "print the digest; change nothing");
  digest->add_flag("--html", m_cl.html, "with --dry-run: print the HTML part");

  auto* exporter = command(&m_app, "export", "claim verdicts for other tools");
  auto* claimreview =
      command(exporter, "claimreview", "schema.org ClaimReview JSON-LD for claims with a verdict");
  claimreview->add_option("CLAIM", m_cl.args, "claim ids (default: every claim with a verdict)")
      ->type_name("");
  claimreview->add_option("--base-url", m_cl.base_uri, "each review's url: URL + claim id")
      ->type_name("URL");
  claimreview->add_option("--author", m_cl.author, "the reviewing organisation")->type_name("NAME");

  auto* parse = command(&m_app, "parse", "print a feed document as normalized JSON");
  parse->add_option("--base-uri", m_cl.base_uri, "document URI for relative links")
      ->type_name("URI");
  parse->add_option("--content-type", m_cl.content_type, "HTTP Content-Type (charset hint)")
      ->type_name("CT");
  parse->add_option("FILE_OR_URL", m_cl.source, "a feed file or URL")->required()->type_name("");

  command(&m_app, "classify", "JSON lines of stories in, stance verdicts out")
      ->add_option("--claims", m_cl.claims_rules, "claims file: `claim` may then be one of its ids")
      ->type_name("RULES");

  auto* claim = command(&m_app, "claim", "set a claim's status by hand, or test a claim");
  auto* set_status = command(claim, "set-status", "set a claim's status by hand");
  output_options(set_status);
  set_status->add_option("CLAIM", m_cl.claim, "the claim's id")->required()->type_name("");
  set_status->add_option("STATUS", m_cl.status, "the new status")->required()->type_name("");
  set_status->add_option("--reason", m_cl.reason, "why (goes into the history)")->type_name("TEXT");
  auto* test = command(claim, "test", "which stored stories a claim would match; records nothing");
  output_options(test);
  test->add_option("CLAIM", m_cl.claim, "a claim of the claims file, as written now")
      ->type_name("");
  test->add_option("--statement", m_cl.statement, "a draft statement instead of a claim id")
      ->type_name("TEXT");
  test->add_flag("--explain", m_cl.explain, "show each match's rule and evidence");

  auto* rescan = command(&m_app, "rescan", "judge claims on the stored stories now (writes)");
  output_options(rescan);
  rescan->add_option("CLAIM", m_cl.args, "claim ids (default: all)")->type_name("");

  // Its words are command names, not commands to run: CLI11 must not switch to them.
  // `help` is answered before CLI11 parses (help_command): its words name commands, and CLI11
  // would run them. Defined here for the listing and `help help`.
  command(&m_app, "help", "this help, or one command's (e.g. `hypewatch help feeds add`)");
}

std::variant<CommandLine, int> Parser::parse(const std::vector<std::string>& args,
                                             std::ostream& out, std::ostream& err) {
  if (const auto words = help_words(m_app, args)) {
    return help_command(m_app, *words, out, err);
  }
  const CLI::App* reached = &m_app;
  try {
    reached = check_words(m_app, args);
    // CLI11 takes the arguments last first.
    m_app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const Refusal& r) {
    err << r.where << ": " << r.message << " (try `" << r.where << " --help`)\n";
    return EX_USAGE;
  } catch (const CLI::CallForHelp&) {
    out << help_of(deepest_parsed(&m_app));
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << help_of(&m_app);
    return 0;
  } catch (const CLI::CallForVersion& v) {
    out << v.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    const std::string where = full_name(reached);
    err << where << ": " << e.what() << " (try `" << where << " --help`)\n";
    return EX_USAGE;
  }
  const CLI::App* leaf = deepest_parsed(&m_app);
  if (leaf == &m_app) {
    err << "hypewatch: missing command (try `hypewatch --help`)\n";
    return EX_USAGE;
  }
  const std::string name = full_name(leaf);
  m_cl.command = name.substr(std::string("hypewatch ").size());
  if (m_cl.command == "claim") {
    err << "hypewatch claim: name an action: set-status or test (try `hypewatch claim --help`)\n";
    return EX_USAGE;
  }
  if (m_cl.json && m_cl.csv) {
    err << name << ": choose one of --json and --csv (try `" << name << " --help`)\n";
    return EX_USAGE;
  }
  m_cl.color = m_color == "always"  ? ColorWhen::always
               : m_color == "never" ? ColorWhen::never
                                    : ColorWhen::automatic;
  m_cl.width = m_width;
  if (m_alerts_limit > 0) {
    m_cl.alerts_limit = m_alerts_limit;
  }
  return m_cl;
}

}  // namespace

std::variant<CommandLine, int> parse_command_line(const std::vector<std::string>& args,
                                                  std::ostream& out, std::ostream& err) {
  Parser parser;
  return parser.parse(args, out, err);
}

}  // namespace hw::cli
