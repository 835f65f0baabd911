#include "storage/wal_readers.h"

#include <sqlite3.h>

#include <string>

namespace hw::storage {

void keep_wal_files_for_readers(sqlite3* db) {
  int persist = 1;
  // Fails only for an in-memory database, which has no files to keep.
  sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  // With a size limit set, the last clean close truncates the kept WAL to zero bytes after its
  // checkpoint, and a WAL restarted while open shrinks back to 4 MiB: the file stays, its
  // content does not. (Only fails on a broken connection, which the next statement reports.)
  const std::string limit = "PRAGMA journal_size_limit = " + std::to_string(kKeptWalBytes);
  sqlite3_exec(db, limit.c_str(), nullptr, nullptr, nullptr);
}

}  // namespace hw::storage
