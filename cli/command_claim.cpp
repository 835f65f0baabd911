// `hypewatch claim set-status CLAIM STATUS --reason TEXT`: a person overrides a claim's
// status. Recorded like any other transition (history actor "manual", with the reason, and a
// status_change alert in the same transaction); the status engine then leaves the claim
// alone until a person changes it again (docs/status.md, "Manual status").
#include <iostream>

#include "cli/commands.h"
#include "util/error.h"

namespace hw::cli {

int cmd_claim_set_status(const Invocation& inv, const std::string& claim_id,
                         const std::string& status_text, const std::string& reason,
                         const Clock& clock, std::ostream& out) {
  const auto status = claim_status_from_string(status_text);
  if (!status) {
    throw UsageError("invalid status '" + status_text +
                     "' (valid: tracked, reported, disputed, clarified, confirmed, retracted)");
  }
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw UsageError("--reason is required: say why, it goes into the claim's history");
  }
  // Same database the queries read, but opened for writing; it must exist already.
  const auto db = app::query_database_path(inv.paths);
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    throw NotFound("no database at " + db.string() +
                   " (run `hypewatch poll --once` first, or pass --db FILE)");
  }
  auto store = app::open_for_write(db);
  const auto claim = app::require_claim(store, claim_id);
  const TimePoint now = clock.now();
  storage::EvaluationWrite write;
  write.at = now;
  storage::StatusChange change;
  change.claim_id = claim_id;
  change.from = claim.status;
  change.to = *status;
  change.at = now;
  change.recorded_at = now;
  change.actor = "manual";
  change.rule = "set by a person";
  change.reason = reason;
  write.changes.push_back(change);
  Alert alert;
  alert.kind = AlertKind::status_change;
  alert.claim_id = claim_id;
  alert.from = claim.status;
  alert.to = *status;
  alert.created_at = now;
  alert.message = std::string(to_string(claim.status)) + " -> " + std::string(to_string(*status)) +
                  ": set manually: " + reason;
  write.alerts.push_back(alert);
  store.claims().record_evaluation(write);
  out << claim_id << ": " << to_string(claim.status) << " -> " << to_string(*status)
      << " (manual: " << reason << ")\n";
  return 0;
}

}  // namespace hw::cli
