// `hypewatch rescan [CLAIM…]`: evaluate claims of the claims file against the stories already
// stored (docs/status.md, "Claims change, stories stay"). The poll cycle does this by itself
// for new and changed claims; the command does it now, for the claims named (default: all).
// Pairs already matched under the claim's current definition are skipped, so running it twice
// raises nothing twice; alerts it raises are backfill.
#include <iostream>
#include <set>

#include "alerts/alert_text.h"
#include "app/claim_rescan.h"
#include "app/learned_wording.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "util/error.h"
#include "util/printable.h"

namespace hw::cli {

int cmd_rescan(const Invocation& inv, const std::vector<std::string>& claim_ids, const Clock& clock,
               std::ostream& out) {
  const app::Loaded loaded = app::load_everything(app::config_path(inv.paths));
  rules::Matcher matcher(loaded.claims);
  std::set<std::string> known;
  for (const Claim& c : loaded.claims) {
    known.insert(c.id);
  }
  for (const auto& id : claim_ids) {
    if (!known.contains(id)) {
      std::string list;
      for (const auto& k : known) {
        list += (list.empty() ? "" : ", ") + k;
      }
      throw NotFound("unknown claim '" + id + "' in " + loaded.config.claims_file.string() +
                     " (known: " + list + ")");
    }
  }
  const auto db = app::database_path(inv.paths, &loaded.config);
  // A rescan evaluates stories as the daemon does: never two evaluators at once.
  const auto lock = app::take_writer_lock(db);
  auto store = app::open_for_write(db);
  app::sync_matcher_claims(store, matcher, clock.now());
  app::learn_from_stored_matches(store, matcher);
  const std::vector<std::string> targets =
      claim_ids.empty() ? std::vector<std::string>(known.begin(), known.end()) : claim_ids;
  const auto report = app::rescan_claims(store, matcher, targets, loaded.config.factcheck,
                                         loaded.config.sources, clock);

  if (inv.json) {
    nlohmann::json alerts = nlohmann::json::array();
    for (const Alert& a : report.alerts) {
      alerts.push_back(to_json(a));
    }
    out << nlohmann::json{{"claims", report.claims},
                          {"stories", report.stories},
                          {"matches", report.matches},
                          {"alerts", alerts}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return 0;
  }
  out << "rescanned " << report.claims.size() << " claims over " << report.stories
      << " stored stories: " << report.matches << " new matches, " << report.alerts.size()
      << " backfill alerts\n";
  for (const Alert& a : report.alerts) {
    out << "  [" << to_string(a.kind) << ", backfill] " << printable(alerts::summary_line(a))
        << "\n";
  }
  return 0;
}

}  // namespace hw::cli
