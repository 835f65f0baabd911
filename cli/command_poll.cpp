// `hypewatch poll --once` and `hypewatch demo`: one cycle of the pipeline in the foreground.
#include <iostream>

#include "alerts/alert_text.h"
#include "app/learned_wording.h"
#include "app/poll_cycle.h"
#include "app/scheduler.h"
#include "cli/commands.h"
#include "cli/demo_setup.h"
#include "feeds/fetcher.h"
#include "rules/matcher.h"
#include "util/log.h"
#include "util/printable.h"

namespace hw::cli {
namespace {

namespace fs = std::filesystem;

void print_report(const app::CycleReport& r, std::ostream& out) {
  out << "polled " << r.feeds << " feeds: " << r.fetched << " parsed, " << r.not_modified
      << " unchanged, " << r.failed << " failed; " << r.stories_new << " new stories, "
      << r.stories_revised << " revised; " << r.evaluated << " evaluated, " << r.matches
      << " matches, " << r.alerts.size() << " alerts\n";
  if (r.not_due > 0 || r.moved > 0 || r.disabled > 0) {
    out << "  " << r.not_due << " feeds waiting (Retry-After), " << r.moved
        << " moved permanently (URL updated), " << r.disabled << " disabled (410 Gone)\n";
  }
  if (r.factcheck_pages > 0) {
    out << "  fact-check pages: " << r.factcheck_pages << " fetched, " << r.factcheck_reviews
        << " ClaimReviews read, " << r.factcheck_failed << " failed\n";
  }
  for (const auto& e : r.errors) {
    out << "  feed error: " << printable(e) << "\n";
  }
  if (!r.alerts.empty()) {
    out << "\nalerts:\n";
    for (const auto& a : r.alerts) {
      out << "  [" << to_string(a.kind) << "] " << printable(alerts::summary_line(a)) << "\n";
      if (!a.story_link.empty()) {
        out << "      " << printable(a.story_link) << "\n";
      }
    }
  }
}

app::CycleReport run_once(const app::Loaded& loaded, const fs::path& db) {
  const auto lock = app::take_writer_lock(db);  // refused while hypewatchd runs on this database
  auto store = app::open_for_write(db);
  feeds::Fetcher fetcher(app::fetch_options_for(loaded.config));
  rules::Matcher matcher(loaded.claims);
  app::learn_from_stored_matches(store, matcher);
  SystemClock clock;
  app::PollCycle cycle(store, fetcher, matcher, clock);
  // A manual run polls every enabled feed, except those a server asked to wait.
  cycle.set_scheduling(app::schedule_policy_for(loaded.config), /*due_only=*/false);
  cycle.set_factcheck(loaded.config.factcheck);
  cycle.set_sources(loaded.config.sources);
  return cycle.run(loaded.config.feeds);
}

}  // namespace

int cmd_poll(const Invocation& inv, bool once, std::ostream& out) {
  if (!once) {
    throw UsageError(
        "`hypewatch poll` runs a single cycle: pass --once (the continuous loop is hypewatchd)");
  }
  const app::Loaded loaded = app::load_everything(app::config_path(inv.paths));
  const fs::path db = app::database_path(inv.paths, &loaded.config);
  print_report(run_once(loaded, db), out);
  return 0;
}

int cmd_demo(const Invocation& inv, std::ostream& out) {
  app::PathOptions paths = inv.paths;
  if (!paths.config) {
    paths.config = demo_examples_dir() / "hypewatch.toml";
  }
  // A fresh database every time, so the demo always shows the whole story; gone afterwards.
  std::optional<ScratchDir> scratch;
  if (!paths.db) {
    scratch.emplace();
    paths.db = scratch->path() / "demo.db";
  }
  const app::Loaded loaded = app::load_everything(*paths.config);
  out << "hypewatch demo: " << loaded.claims.size() << " claims from "
      << loaded.config.claims_file.string() << ", " << loaded.config.feeds.size()
      << " example feeds, database " << paths.db->string() << "\n\n";
  print_report(run_once(loaded, *paths.db), out);

  Invocation query = inv;
  query.paths = paths;
  out << "\nclaims:\n";
  cmd_claims(query, /*include_retired=*/false, /*status=*/"", out);
  auto store = storage::Store::open(*paths.db, storage::OpenMode::read_only);
  for (const auto& c : store.claims().list_claims()) {
    // The point of the demo: claims that were corrected, and what happened next.
    if (c.status == ClaimStatus::clarified || c.status == ClaimStatus::retracted) {
      out << "\nhistory of " << c.id << ":\n";
      cmd_history(query, c.id, out);
    }
  }
  if (scratch) {
    out << "\nthe demo database is removed now; keep one to query yourself:\n"
        << "  hypewatch demo --db demo.db && hypewatch --db demo.db claims|history "
           "CLAIM|alerts|feeds\n";
  } else {
    out << "\nquery it yourself: hypewatch --db " << paths.db->string()
        << " claims|history CLAIM|alerts|feeds\n";
  }
  return 0;
}

}  // namespace hw::cli
