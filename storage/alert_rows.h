#pragma once
// Reading alert rows, shared by Store and DigestOutbox so both see alerts the same way.
#include <string_view>

#include "storage/statement.h"
#include "storage/store.h"

namespace hw::storage {

// "SELECT … FROM v_alerts " — append a WHERE/ORDER BY; read each row with read_alert.
extern const std::string_view kAlertColumns;

AlertRecord read_alert(const Statement& st);

}  // namespace hw::storage
