#include "storage/column_values.h"

#include <string>

#include "storage/sqlite.h"
#include "storage/storage_error.h"

namespace hw::storage {

ClaimStatus status_column(const Statement& st, int col) {
  const std::string text = st.column_text(col);
  if (auto s = claim_status_from_string(text)) {
    return *s;
  }
  throw StorageError("unknown claim status '" + text + "' in `" + sql_label(st.sql()) + "`");
}

std::optional<ClaimStatus> optional_status_column(const Statement& st, int col) {
  if (st.column_is_null(col)) {
    return std::nullopt;
  }
  return status_column(st, col);
}

Stance stance_column(const Statement& st, int col) {
  const std::string text = st.column_text(col);
  if (auto s = stance_from_string(text)) {
    return *s;
  }
  throw StorageError("unknown stance '" + text + "' in `" + sql_label(st.sql()) + "`");
}

AlertKind alert_kind_column(const Statement& st, int col) {
  const std::string text = st.column_text(col);
  if (const auto k = alert_kind_from_string(text)) {
    return *k;
  }
  throw StorageError("unknown alert kind '" + text + "' in `" + sql_label(st.sql()) + "`");
}

// 0 / "" mean "none" in the model types; the database says NULL so foreign keys hold.
std::optional<std::int64_t> id_or_null(std::int64_t id) {
  return id == 0 ? std::nullopt : std::optional<std::int64_t>(id);
}

std::optional<std::string_view> text_or_null(std::string_view s) {
  return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
}

TimePoint or_default(TimePoint t, TimePoint fallback) {
  return t == TimePoint{} ? fallback : t;
}

std::optional<std::chrono::seconds> optional_seconds(const Statement& st, int col) {
  const auto v = st.optional_int64(col);
  return v ? std::optional(std::chrono::seconds{*v}) : std::nullopt;
}

std::optional<std::int64_t> seconds_or_null(std::optional<std::chrono::seconds> s) {
  return s ? std::optional<std::int64_t>(s->count()) : std::nullopt;
}

}  // namespace hw::storage
