#pragma once
// The `hypewatch` subcommands. Each returns the process exit code; they throw hw::Failure for
// configuration/storage problems, which main turns into "hypewatch CMD: message" and the exit
// code exit_codes.h gives it.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/exit_codes.h"
#include "util/time.h"

namespace hw::cli {

struct Invocation {
  app::PathOptions paths;
  bool json = false;
  bool csv = false;       // --csv: tables as CSV, cells never shortened
  int width = 0;          // tables fit this many columns; 0 = no limit (cli/terminal.h)
  bool color = false;     // status colours in tables
  std::string log_level;  // empty: from config or "warning" for the CLI
};

int cmd_poll(const Invocation& inv, bool once, std::ostream& out);
int cmd_demo(const Invocation& inv, std::ostream& out);
// `claims [--all] [--status S]`: retired claims (gone from the claims file) only with --all;
// `only_status` empty = every status.
int cmd_claims(const Invocation& inv, bool include_retired, const std::string& only_status,
               std::ostream& out);
int cmd_history(const Invocation& inv, const std::string& claim_id, std::ostream& out);
// Newest first; `limit`: the newest N only.
int cmd_alerts(const Invocation& inv, bool undelivered_only, std::optional<TimePoint> since,
               std::optional<int> limit, std::ostream& out);
int cmd_feeds(const Invocation& inv, std::ostream& out);
// `feeds add|remove|import|export` (command_feeds.cpp).
struct FeedsCommand {
  std::string action;             // add | remove | import | export
  std::vector<std::string> args;  // URLs, ids or the OPML file
  std::string name;               // --name
  std::string interval;           // --interval, e.g. "15m"
  std::string kind;               // --kind news|factcheck (feeds add); "" = news / unchanged
};
int cmd_feeds_manage(const Invocation& inv, const FeedsCommand& cmd, std::ostream& out,
                     std::ostream& err);
int cmd_stories(const Invocation& inv, const std::string& claim, std::optional<TimePoint> since,
                int limit, std::ostream& out);
// `fts_query` in FTS5 syntax (search_query.h makes one from plain words).
int cmd_search(const Invocation& inv, const std::string& fts_query, int limit, std::ostream& out);
// `show STORY` (command_show.cpp): one story, its revisions and its matches.
int cmd_show(const Invocation& inv, std::int64_t story_id, std::ostream& out);
int cmd_stats(const Invocation& inv, std::ostream& out);
int cmd_digest(const Invocation& inv, bool send, bool html, std::ostream& out);
// `classify [--claims RULES]`: JSON lines in, one verdict line out per input (README.md).
int cmd_classify(const std::string& claims_file, std::istream& in, std::ostream& out,
                 std::ostream& err);
// `claim set-status CLAIM STATUS --reason TEXT` (command_claim.cpp).
int cmd_claim_set_status(const Invocation& inv, const std::string& claim_id,
                         const std::string& status, const std::string& reason, const Clock& clock,
                         std::ostream& out);
// `claim test CLAIM | --statement TEXT [--explain]` (command_claim_test.cpp): which stored
// stories would match, read-only.
struct ClaimTest {
  std::string claim_id;   // a claim of the claims file, as it is written now
  std::string statement;  // or a draft statement
  bool explain = false;   // print each match's rule and evidence
};
int cmd_claim_test(const Invocation& inv, const ClaimTest& test, std::ostream& out);
// `rescan [CLAIM…]` (command_rescan.cpp): evaluate claims (default: all) against the stored
// stories now; alerts raised are backfill.
int cmd_rescan(const Invocation& inv, const std::vector<std::string>& claim_ids, const Clock& clock,
               std::ostream& out);
// `export claimreview [CLAIM…]` (command_export.cpp): schema.org ClaimReview JSON-LD, one
// array, for claims with a verdict (all of them, or those named: a named claim without a
// verdict is an error, exit 1).
struct ExportClaimReview {
  std::vector<std::string> claim_ids;
  std::string base_url;  // --base-url: each review's url is base_url + claim id
  std::string author;    // --author: the reviewing organisation (default "hypewatch")
};
int cmd_export_claimreview(const Invocation& inv, const ExportClaimReview& request,
                           std::ostream& out, std::ostream& err);
int cmd_parse(const std::string& source, const std::string& base_uri,
              const std::string& content_type, std::ostream& out, std::ostream& err);

}  // namespace hw::cli
