#include "storage/metric_counts.h"

#include "storage/statement.h"
#include "storage/story_queries.h"

namespace hw::storage {

MetricCounts read_metric_counts(Database& db) {
  auto count = [&](const char* sql) {
    auto st = db.cached(sql);
    st->step();
    return st->column_int64(0);
  };
  auto grouped = [&](const char* sql) {
    std::map<std::string, std::int64_t> out;
    auto st = db.cached(sql);
    while (st->step()) {
      out[st->column_text(0)] = st->column_int64(1);
    }
    return out;
  };
  MetricCounts c;
  // The counts `hypewatch stats` shows, from the one query that makes them.
  const Stats s = StoryQueries(db).stats();
  c.feeds_failing = s.feeds_failing;
  c.feeds_disabled = s.feeds_disabled;
  c.feeds_ok = s.feeds - s.feeds_failing - s.feeds_disabled;  // enabled and not failing
  c.stories = s.stories;
  c.revisions = s.revisions;
  c.matches = s.matches;
  c.alerts_by_kind = grouped("SELECT kind, count(*) FROM alerts GROUP BY kind");
  c.claims_by_status =
      grouped("SELECT status, count(*) FROM claims WHERE retired_at IS NULL GROUP BY status");
  c.status_changes_by_status = grouped(
      "SELECT to_status, count(*) FROM claim_status_history WHERE from_status IS NOT NULL "
      "GROUP BY to_status");
  c.digest_pending =
      count("SELECT count(*) FROM alerts WHERE delivered_at IS NULL AND backfill = 0");
  c.webhook_pending = count("SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL");
  return c;
}

}  // namespace hw::storage
