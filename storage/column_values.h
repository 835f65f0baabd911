#pragma once
// Typed columns and the NULL conventions the row mappers share: an unknown status, stance or
// alert kind in the database is a StorageError naming the query, never a default.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/alert.h"
#include "model/claim.h"
#include "storage/statement.h"
#include "util/time.h"

namespace hw::storage {

ClaimStatus status_column(const Statement& st, int col);
std::optional<ClaimStatus> optional_status_column(const Statement& st, int col);
Stance stance_column(const Statement& st, int col);
AlertKind alert_kind_column(const Statement& st, int col);
std::optional<std::chrono::seconds> optional_seconds(const Statement& st, int col);

// 0 / "" mean "none" in the model types; the database says NULL so foreign keys hold.
std::optional<std::int64_t> id_or_null(std::int64_t id);
std::optional<std::string_view> text_or_null(std::string_view s);
std::optional<std::int64_t> seconds_or_null(std::optional<std::chrono::seconds> s);
// A zero time in a model type means "the time of the write".
TimePoint or_default(TimePoint t, TimePoint fallback);

}  // namespace hw::storage
