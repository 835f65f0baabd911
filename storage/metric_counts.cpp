#include "storage/metric_counts.h"

#include "storage/statement.h"

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
  c.feeds_ok = count("SELECT count(*) FROM feeds WHERE enabled AND error_count = 0");
  c.feeds_failing = count("SELECT count(*) FROM feeds WHERE enabled AND error_count > 0");
  c.feeds_disabled = count("SELECT count(*) FROM feeds WHERE NOT enabled");
  c.stories = count("SELECT count(*) FROM stories");
  c.revisions = count("SELECT count(*) FROM story_revisions");
  c.matches = count("SELECT count(*) FROM matches");
  c.alerts_by_kind = grouped("SELECT kind, count(*) FROM alerts GROUP BY kind");
  c.claims_by_status =
      grouped("SELECT status, count(*) FROM claims WHERE retired_at IS NULL GROUP BY status");
  c.digest_pending =
      count("SELECT count(*) FROM alerts WHERE delivered_at IS NULL AND backfill = 0");
  c.webhook_pending = count("SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NULL");
  return c;
}

}  // namespace hw::storage
