#pragma once
// The database's side of hypewatchd's metrics (README "Metrics"): counts the daemon reads after
// each cycle, on its own connection, so the metrics listener never touches SQLite.
#include <cstdint>
#include <map>
#include <string>

#include "storage/database.h"

namespace hw::storage {

struct MetricCounts {
  std::int64_t feeds_ok = 0;        // enabled, last poll succeeded (or not polled yet)
  std::int64_t feeds_failing = 0;   // enabled, failing since the last success
  std::int64_t feeds_disabled = 0;  // removed from the config, 410 Gone, `feeds remove`
  std::int64_t stories = 0, revisions = 0, matches = 0;
  std::map<std::string, std::int64_t> alerts_by_kind;    // every alert ever raised, by kind
  std::map<std::string, std::int64_t> claims_by_status;  // claims not retired, as `claims` lists
  // History entries that changed a status (not the initial ones), by the status moved to.
  std::map<std::string, std::int64_t> status_changes_by_status;
  std::int64_t digest_pending = 0;   // alerts the digest has still to send (not backfill)
  std::int64_t webhook_pending = 0;  // webhook_deliveries rows not yet delivered
};

// A handful of count(*) ... GROUP BY queries, the same conditions as `hypewatch stats` and
// AlertStore::list_alerts(true). Throws StorageError.
MetricCounts read_metric_counts(Database& db);

}  // namespace hw::storage
