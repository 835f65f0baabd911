#pragma once
// One SQLite connection, owned, with a cache of prepared statements.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "storage/statement.h"
#include "storage/storage_error.h"

struct sqlite3;

namespace hw::storage {

class Database {
 public:
  enum class Access { read_write, read_only };

  // Opens (read_write: creating) the file and checks that it is an SQLite database. Sets a busy
  // timeout so a reader (the CLI) and the writer (the daemon) wait for each other instead of
  // failing, and turns foreign keys on; in read_write mode also synchronous=NORMAL. Changes
  // nothing in the file itself: the journal mode is switched by enable_wal, once the caller
  // knows the file is its own. Throws StorageError naming the path.
  Database(const std::filesystem::path& path, Access access);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  // Runs SQL that binds no values (schema scripts, PRAGMAs, BEGIN/COMMIT). May hold several
  // statements. Never pass text that contains data: use a Statement and bind it.
  void exec(std::string_view sql);
  // A fresh statement owned by the caller.
  Statement prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept for the connection's lifetime.
  Statement::Lease cached(std::string_view sql);

  // Switches the file to WAL (persistent: written into its header), so readers run beside
  // the one writer. Call only on a file known to be ours: it rewrites header bytes 18-19.
  void enable_wal();

  // PRAGMA name; as an integer (user_version, application_id).
  std::int64_t pragma_int(std::string_view name);

  std::int64_t last_insert_rowid() const;
  int changes() const;
  bool in_transaction() const;

  const std::filesystem::path& path() const { return m_path; }
  Access access() const { return m_access; }
  sqlite3* handle() const { return m_db.get(); }

  static constexpr int kBusyTimeoutMs = 5000;
  // A writable connection checkpoints when its commits have put this many bytes into the WAL.
  static constexpr std::int64_t kAutoCheckpointBytes = 32LL << 20;
  // The page size a new file gets (docs/schema.md, "Opening, versions and migrations"); a file
  // keeps the page size it was created with.
  static constexpr int kNewFilePageSize = 16384;

  // `bytes` of this file's pages, in pages (the WAL's frames are pages too).
  int pages_for(std::int64_t bytes);

 private:
  struct Closer {
    void operator()(sqlite3* db) const noexcept;
  };

  [[noreturn]] void fail(const std::string& what) const;
  // sqlite3_open_v2 into m_db with our error codes and busy timeout; throws naming m_path.
  void connect(const std::string& name, int flags);

  std::filesystem::path m_path;
  Access m_access = Access::read_write;
  // Declared before the cache: members are destroyed in reverse, so statements are finalized
  // before the connection is closed.
  std::unique_ptr<sqlite3, Closer> m_db;
  std::map<std::string, Statement, std::less<>> m_cache;
};

}  // namespace hw::storage
