#include "storage/alert_rows.h"

#include "storage/column_values.h"

namespace hw::storage {

const std::string_view kAlertColumns =
    "SELECT id, kind, claim_id, from_status, to_status, story_id, story_title, story_link, "
    "message, repeat_count, created_at, delivered_at, delivery_attempts, last_delivery_error, "
    "at, backfill FROM v_alerts ";

AlertRecord read_alert(const Statement& st) {
  AlertRecord r;
  r.id = st.column_int64(0);
  r.alert.kind = alert_kind_column(st, 1);
  r.alert.claim_id = st.column_text(2);
  r.alert.from = optional_status_column(st, 3);
  if (!st.column_is_null(4)) {
    r.alert.to = status_column(st, 4);
  }
  r.alert.story_id = st.optional_int64(5).value_or(0);
  r.alert.story_title = st.column_text(6);
  r.alert.story_link = st.column_text(7);
  r.alert.message = st.column_text(8);
  r.alert.repeat_count = st.column_int(9);
  r.alert.created_at = st.column_time(10);
  r.delivered_at = st.optional_time(11);
  r.delivery_attempts = st.column_int(12);
  r.last_delivery_error = st.column_text(13);
  r.alert.at = st.column_time(14);
  r.alert.backfill = st.column_bool(15);
  return r;
}

void insert_alert(Database& db, const Alert& a, TimePoint at) {
  auto st = db.cached(
      "INSERT INTO alerts (kind, claim_id, from_status, to_status, story_id, "
      "message, repeat_count, created_at, at, backfill) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, ?8, ?9, ?10)");
  st->bind(1, to_string(a.kind)).bind(2, text_or_null(a.claim_id));
  st->bind(3, a.from ? std::optional(to_string(*a.from)) : std::nullopt);
  st->bind(4, to_string(a.to)).bind(5, id_or_null(a.story_id)).bind(6, a.message);
  const TimePoint created = or_default(a.created_at, at);
  st->bind(7, a.repeat_count).bind(8, created).bind(9, or_default(a.at, created));
  st->bind(10, a.backfill);
  st->run();
}

}  // namespace hw::storage
