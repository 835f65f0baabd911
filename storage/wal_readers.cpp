#include "storage/wal_readers.h"

#include <sqlite3.h>

namespace hw::storage {

void keep_wal_files_for_readers(sqlite3* db) {
  int persist = 1;
  // Fails only for an in-memory database, which has no files to keep.
  sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
}

}  // namespace hw::storage
