#include "storage/database.h"

#include <sqlite3.h>

#include <cctype>

#include "storage/fts_queue.h"
#include "storage/fts_tokenizer.h"
#include "storage/sqlar.h"
#include "storage/wal_readers.h"

namespace hw::storage {

void Database::Closer::operator()(sqlite3* db) const noexcept {
  // close_v2 so that a forgotten statement cannot make the close fail and leak the handle.
  sqlite3_close_v2(db);
}

namespace {

// A file: URI for `path` (RFC 3986 escaping of everything but unreserved characters and '/'),
// so that names with '?', '#' or '%' stay names.
std::string file_uri(const std::filesystem::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 0xF];
    }
  }
  return uri;
}

bool has_nonempty_wal(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path.string() + "-wal", ec);
  return !ec && size > 0;
}

}  // namespace

void Database::connect(const std::string& name, int flags) {
  // SQLite keeps memory statistics by default, taking a global mutex around every allocation
  // it makes: on a cold poll the writer thread allocates for every row and every full-text
  // term. Nothing here reads those statistics (sqlite3_memory_used, a soft heap limit), so
  // they are switched off before SQLite initialises; a no-op (SQLITE_MISUSE) if it already has.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  m_db.reset(raw);
  if (rc != SQLITE_OK) {
    const std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw StorageError("open database " + m_path.string() +
                       (m_access == Access::read_only ? " read-only" : "") + ": " + message);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // The views and the FTS content read story texts through sqlar_uncompress (schema v9): every
  // connection needs it, the read-only ones included.
  register_sqlar_functions(raw);
  register_fts_queue_functions(raw);
  register_fts_tokenizer(raw);
}

Database::Database(const std::filesystem::path& path, Access access)
    : m_path(path), m_access(access) {
  const bool read_only = access == Access::read_only;
  if (read_only && !std::filesystem::exists(path)) {
    // SQLite would only say "unable to open database file".
    throw StorageError("database " + path.string() + " does not exist");
  }
  connect(path.string(),
          read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));

  // SQLite opens lazily: the first read of the header is where a non-database file shows up.
  // Probe here so the error names the file instead of whatever statement came first.
  const char* const kProbe = "SELECT count(*) FROM sqlite_schema";
  int probe = sqlite3_exec(m_db.get(), kProbe, nullptr, nullptr, nullptr);
  const int first_primary = probe & 0xff;
  if (read_only && (first_primary == SQLITE_READONLY || first_primary == SQLITE_CANTOPEN) &&
      !has_nonempty_wal(path)) {
    // A WAL database read by someone who may not create its -shm file (a copy made read-only
    // for analysis, a state directory we can only read). With no WAL content to read and no
    // writer (a running writer keeps the -shm and -wal files there, and then the first open
    // works), the file alone is the database: open it as immutable, which needs no -shm.
    connect(file_uri(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    probe = sqlite3_exec(m_db.get(), kProbe, nullptr, nullptr, nullptr);
  }
  if (probe != SQLITE_OK) {
    const int primary = probe & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      throw StorageError("database " + path.string() + " is not an SQLite database (" +
                         sqlite3_errmsg(m_db.get()) + ")");
    }
    if (read_only && (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN)) {
      throw StorageError("database " + path.string() +
                         " cannot be read: its write-ahead log needs a -shm file that cannot be "
                         "created here (" +
                         sqlite3_errmsg(m_db.get()) +
                         "); open it once read-write, or ask its owner to");
    }
    fail("open");
  }
  exec("PRAGMA foreign_keys = ON");
  if (!read_only) {
    // NORMAL is durable across application crashes in WAL mode and loses at most the last
    // commits on power loss, never integrity. A per-connection setting: the file is untouched.
    exec("PRAGMA synchronous = NORMAL");
    // The poll cycle writes in batches of ~8 MiB of feeds (storage/write_batch.h): a page
    // cache that holds a batch keeps SQLite from spilling pages to the WAL before the commit and
    // writing them again, and checkpointing every 32 MiB of WAL instead of every 4 MiB copies
    // a page that several batches change (indexes, the full-text index) into the file once.
    exec("PRAGMA cache_size = -8192");
    exec("PRAGMA wal_autocheckpoint = " + std::to_string(pages_for(kAutoCheckpointBytes)));
    // Every write of a batch is a savepoint, and SQLite keeps the pages a savepoint changes in
    // a sub-journal (and those a statement changes in a statement journal) so that it can
    // roll back to it; past 64 KiB those journals go to temporary files: ~1.2 GB of write()
    // calls on a cold poll of 214 MB, the same few MB rewritten for every feed, and a quarter
    // of the poll's time. Only the open savepoint's pages are kept (one feed's, one
    // evaluation's): memory holds them (~5 MiB more peak RSS on that poll). (Raising the
    // spill threshold instead, SQLITE_CONFIG_STMTJRNL_SPILL, made the first spill fail with
    // SQLITE_FULL on SQLite 3.40.)
    exec("PRAGMA temp_store = MEMORY");
    keep_wal_files_for_readers(m_db.get());
  }
}

void Database::enable_wal() {
  // WAL: the CLI can read while the daemon writes.
  exec("PRAGMA journal_mode = WAL");
  // Again in pages of the file as it is now: a new file's page size is set just before this
  // (migrate), after the constructor counted in SQLite's default.
  exec("PRAGMA wal_autocheckpoint = " + std::to_string(pages_for(kAutoCheckpointBytes)));
}

int Database::pages_for(std::int64_t bytes) {
  const std::int64_t page_size = pragma_int("page_size");
  return static_cast<int>(bytes / (page_size > 0 ? page_size : 4096));
}

Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;

Database::~Database() {
  m_cache.clear();
}

void Database::fail(const std::string& what) const {
  throw StorageError("database " + m_path.string() + ": " + what + ": " +
                     sqlite3_errmsg(m_db.get()));
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errmsg(m_db.get());
    sqlite3_free(error);
    throw StorageError("database " + m_path.string() + ": `" + sql_label(sql) + "`: " + message);
  }
}

Statement Database::prepare(std::string_view sql) {
  return Statement(m_db.get(), sql);
}

Statement::Lease Database::cached(std::string_view sql) {
  auto it = m_cache.find(sql);
  if (it == m_cache.end()) {
    it = m_cache.emplace(std::string(sql), Statement(m_db.get(), sql, true)).first;
  }
  return Statement::Lease(it->second);
}

std::int64_t Database::pragma_int(std::string_view name) {
  // PRAGMA names cannot be bound; callers pass compile-time constants only.
  Statement st = prepare("PRAGMA " + std::string(name));
  if (!st.step()) {
    throw StorageError("database " + m_path.string() + ": PRAGMA " + std::string(name) +
                       " returned no row");
  }
  return st.column_int64(0);
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(m_db.get());
}

int Database::changes() const {
  return sqlite3_changes(m_db.get());
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(m_db.get()) == 0;
}

}  // namespace hw::storage
