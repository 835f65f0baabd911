#pragma once
// The schema's history: an ordered list of steps, each applied in its own transaction and
// recorded in PRAGMA user_version. docs/schema.md documents the result.
#include <span>
#include <string_view>

#include "storage/database.h"

namespace hw::storage {

struct Migration {
  int version;               // user_version after this step
  std::string_view summary;  // one line for logs and docs
  std::string_view sql;      // schema statements only: no data values
};

// "hypw": marks the file as ours, so another program's SQLite file is refused, not migrated.
inline constexpr int kApplicationId = 0x68797077;

std::span<const Migration> migrations();
int latest_schema_version();

// The schema version of the open file (PRAGMA user_version).
int schema_version(Database& db);

// Brings a read-write database to the latest schema, one step per transaction. Refuses (throws
// StorageError) a file whose schema is newer than this program or that belongs to another
// application.
void migrate(Database& db);

// For read-only opens, which never migrate: throws unless the schema is exactly the latest.
void require_current_schema(Database& db);

}  // namespace hw::storage
