#pragma once
// Reading and writing alert rows: the one mapper of AlertRecord, shared by AlertStore and the
// outboxes so all see alerts the same way, and the one INSERT that every alert goes through.
#include <string_view>

#include "storage/alert_store.h"
#include "storage/database.h"
#include "storage/statement.h"

namespace hw::storage {

// "SELECT … FROM v_alerts " — append a WHERE/ORDER BY; read each row with read_alert.
extern const std::string_view kAlertColumns;

AlertRecord read_alert(const Statement& st);

// Stores `a`; a zero created_at means `at`, a zero at means created_at; an empty claim id and
// a zero story id are stored as NULL.
void insert_alert(Database& db, const Alert& a, TimePoint at);

}  // namespace hw::storage
