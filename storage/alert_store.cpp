#include "storage/alert_store.h"

#include "storage/alert_rows.h"

namespace hw::storage {

std::vector<AlertRecord> AlertStore::list_alerts(bool undelivered_only) const {
  return in_context("list alerts", [&] {
    return m_conn.collect(
        std::string(kAlertColumns) +
            (undelivered_only ? "WHERE delivered_at IS NULL AND backfill = 0 ORDER BY id"
                              : "ORDER BY id"),
        read_alert);
  });
}

}  // namespace hw::storage
