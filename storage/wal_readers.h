#pragma once
// What lets a reader without write permission open our WAL database.
struct sqlite3;

namespace hw::storage {

// Keeps the -wal and -shm files when the last writer closes the database (SQLite's
// SQLITE_FCNTL_PERSIST_WAL). A reader that may not write the directory (a member of the
// hypewatch group querying the service's database) can open a WAL database only while those
// files exist: SQLite would otherwise have to create them. A clean close still checkpoints
// and leaves the WAL empty. Called on every writable handle.
void keep_wal_files_for_readers(sqlite3* db);

// What keep_wal_files_for_readers lets a WAL restarted while open keep: 4 MiB.
inline constexpr long long kKeptWalBytes = 4LL << 20;

}  // namespace hw::storage
