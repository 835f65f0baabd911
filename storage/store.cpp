#include "storage/store.h"

#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <utility>

#include "storage/migrations.h"
#include "storage/sqlite.h"

namespace hw::storage {

struct Store::Impl {
  Impl(Database database, OpenMode open_mode)
      : db(std::move(database)),
        conn{db, open_mode},
        feeds(conn),
        stories(conn),
        claims(conn),
        alerts(conn) {}

  Database db;
  Connection conn;  // borrows db: Impl lives on the heap, so a moved Store keeps it valid
  FeedStore feeds;
  StoryStore stories;
  ClaimLedger claims;
  AlertStore alerts;
};

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

namespace {

// A new database is built beside `path` and linked into place only once its schema is
// complete, so a reader (the CLI next to a starting daemon) never finds a half-built file.
// link() refuses to replace: when another process got there first, its file is used.
void create_complete(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return;
  }
  const auto building = std::filesystem::path(path.string() + ".new-" + std::to_string(::getpid()));
  {
    Database db(building, Database::Access::read_write);
    migrate(db);
  }  // closing checkpoints the WAL into the file
  const int linked = ::link(building.c_str(), path.c_str());
  const int link_errno = errno;
  std::filesystem::remove(building, ec);
  // The WAL files are kept on close (wal_readers.h), so the building copy's stay behind too.
  std::filesystem::remove(building.string() + "-wal", ec);
  std::filesystem::remove(building.string() + "-shm", ec);
  if (linked != 0 && link_errno != EEXIST) {
    throw StorageError("cannot create database " + path.string() + ": " +
                       std::strerror(link_errno));
  }
}

}  // namespace

Store Store::open(const std::filesystem::path& path, OpenMode mode) {
  const bool read_only = mode == OpenMode::read_only;
  if (!read_only) {
    create_complete(path);
  }
  Database db(path, read_only ? Database::Access::read_only : Database::Access::read_write);
  if (read_only) {
    require_current_schema(db);
  } else {
    migrate(db);
  }
  return Store(std::make_unique<Impl>(std::move(db), mode));
}

int Store::schema_version() const {
  return storage::schema_version(m_impl->db);
}

int Store::latest_schema_version() {
  return storage::latest_schema_version();
}

FeedStore& Store::feeds() {
  return m_impl->feeds;
}

const FeedStore& Store::feeds() const {
  return m_impl->feeds;
}

StoryStore& Store::stories() {
  return m_impl->stories;
}

const StoryStore& Store::stories() const {
  return m_impl->stories;
}

ClaimLedger& Store::claims() {
  return m_impl->claims;
}

const ClaimLedger& Store::claims() const {
  return m_impl->claims;
}

AlertStore& Store::alerts() {
  return m_impl->alerts;
}

const AlertStore& Store::alerts() const {
  return m_impl->alerts;
}

Database& Store::database() {
  return m_impl->db;
}

// ---- write batches --------------------------------------------------------------------------

void Store::begin_batch() {
  m_impl->conn.require_writable("write a batch");
  if (in_batch()) {
    throw StorageError("database " + m_impl->db.path().string() +
                       ": a write batch is already open");
  }
  in_context("begin write batch", [&] { m_impl->db.exec("BEGIN IMMEDIATE"); });
}

void Store::commit_batch() {
  in_context("commit write batch", [&] { m_impl->db.exec("COMMIT"); });
}

void Store::rollback_batch() {
  if (in_batch()) {
    m_impl->db.exec("ROLLBACK");
  }
}

bool Store::in_batch() const {
  return m_impl->db.in_transaction();
}

void Store::checkpoint() {
  m_impl->conn.require_writable("checkpoint");
  in_context("checkpoint", [&] { m_impl->db.exec("PRAGMA wal_checkpoint(PASSIVE)"); });
}

Counts Store::counts() const {
  return in_context("count rows", [&] {
    auto st = m_impl->db.cached(
        "SELECT (SELECT count(*) FROM feeds), (SELECT count(*) FROM stories), "
        "(SELECT count(*) FROM story_revisions), (SELECT count(*) FROM matches), "
        "(SELECT count(*) FROM alerts), (SELECT count(*) FROM claim_status_history)");
    st->step();
    Counts c;
    c.feeds = st->column_int64(0);
    c.stories = st->column_int64(1);
    c.revisions = st->column_int64(2);
    c.matches = st->column_int64(3);
    c.alerts = st->column_int64(4);
    c.history = st->column_int64(5);
    return c;
  });
}

}  // namespace hw::storage
