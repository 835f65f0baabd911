// Opening, migrating and refusing databases (storage/migrations.cpp, Store::open).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "storage/migrations.h"
#include "storage/sqlite.h"
#include "storage/store.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using hw::storage::Database;
using hw::storage::OpenMode;
using hw::storage::StorageError;
using hw::storage::Store;

namespace {

std::vector<std::string> schema_objects(const std::filesystem::path& path) {
  Database db(path, Database::Access::read_only);
  auto st = db.prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY 1");
  std::vector<std::string> out;
  while (st.step()) {
    out.push_back(st.column_text(0));
  }
  return out;
}

void set_user_version(const std::filesystem::path& path, int version) {
  Database db(path, Database::Access::read_write);
  db.exec("PRAGMA user_version = " + std::to_string(version));
}

}  // namespace

TEST_CASE("opening a new file creates the latest schema") {
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  Store store = Store::open(path, OpenMode::read_write);
  CHECK(store.schema_version() == Store::latest_schema_version());
  CHECK(Store::latest_schema_version() >= 3);  // v2 digest outbox, v3 feed management
  // The copy it was built in leaves nothing behind beside the database (its WAL files were
  // once left as hw.db.new-PID-wal and -shm).
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    files.push_back(entry.path().filename().string());
  }
  std::ranges::sort(files);
  CHECK(files == std::vector<std::string>{"hw.db", "hw.db-shm", "hw.db-wal"});

  const auto objects = schema_objects(path);
  for (const char* expected :
       {"table feeds", "table stories", "table story_revisions", "table stories_fts",
        "table claims", "table claim_status_history", "table matches", "table alerts",
        "table pending_evaluations", "view v_claims", "view v_history", "view v_stories",
        "view v_feeds", "view v_alerts", "view v_matches", "trigger claim_status_history_no_update",
        "trigger claim_status_history_no_delete", "trigger stories_fts_sync"}) {
    CHECK_THAT(objects, Catch::Matchers::VectorContains(std::string(expected)));
  }
  Database db(path, Database::Access::read_only);
  CHECK(db.pragma_int("application_id") == hw::storage::kApplicationId);
}

TEST_CASE("a new file gets 16 KiB pages; an older file keeps its own and is migrated alike") {
  hw::test::TempDir dir;
  const auto fresh = dir / "fresh.db";
  { Store::open(fresh, OpenMode::read_write).feeds().ensure_feed("file:///feeds/a.xml"); }
  {
    Database db(fresh, Database::Access::read_only);
    CHECK(db.pragma_int("page_size") == Database::kNewFilePageSize);
    // The WAL thresholds are bytes: 32 MiB of 16 KiB pages.
    CHECK(Database(fresh, Database::Access::read_write).pages_for(32LL << 20) == 2048);
  }
  // A file SQLite has written with its default page size, as every file was before.
  const auto older = dir / "older.db";
  {
    Database db(older, Database::Access::read_write);
    db.exec("PRAGMA page_size = 4096");
    db.exec("CREATE TABLE scratch (x); DROP TABLE scratch");
  }
  {
    Store store = Store::open(older, OpenMode::read_write);
    CHECK(store.schema_version() == Store::latest_schema_version());
    store.feeds().ensure_feed("file:///feeds/a.xml");
    CHECK(store.counts().feeds == 1);
    CHECK(store.database().pragma_int("page_size") == 4096);
    CHECK(store.database().pages_for(32LL << 20) == 8192);
  }
  CHECK(schema_objects(older) == schema_objects(fresh));
}

TEST_CASE("reopening a migrated database changes nothing and keeps the data") {
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  {
    Store store = Store::open(path, OpenMode::read_write);
    store.feeds().ensure_feed("file:///feeds/a.xml");
    store.feeds().list_feeds();
  }
  // The last connection closed cleanly (no statement left unfinalized): SQLite checkpointed
  // and emptied the write-ahead log, which stays for readers without write access.
  REQUIRE(std::filesystem::exists(path.string() + "-wal"));
  CHECK(std::filesystem::file_size(path.string() + "-wal") == 0);
  const auto before = schema_objects(path);
  Store store = Store::open(path, OpenMode::read_write);
  CHECK(store.schema_version() == Store::latest_schema_version());
  CHECK(store.counts().feeds == 1);
  CHECK(schema_objects(path) == before);
}

TEST_CASE("a database from a newer hypewatch is refused, read-write and read-only") {
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  { Store::open(path, OpenMode::read_write); }
  set_user_version(path, 99);
  const std::string expected = "database " + path.string() +
                               " has schema version 99, newer than this hypewatch (" +
                               std::to_string(Store::latest_schema_version()) + "); "
                               "upgrade hypewatch";
  CHECK_THROWS_WITH(Store::open(path, OpenMode::read_write), Equals(expected));
  CHECK_THROWS_WITH(Store::open(path, OpenMode::read_only), Equals(expected));
  // Refusing must not have touched it.
  Database db(path, Database::Access::read_only);
  CHECK(db.pragma_int("user_version") == 99);
}

TEST_CASE("a file that is not SQLite is refused by name and left alone") {
  hw::test::TempDir dir;
  const auto path = dir / "notes.txt";
  const std::string text(4096, 'x');
  hw::test::write_file(path, text);
  for (auto mode : {OpenMode::read_write, OpenMode::read_only}) {
    CHECK_THROWS_WITH(Store::open(path, mode),
                      Contains("database " + path.string() + " is not an SQLite database") &&
                          Contains("file is not a database"));
  }
  CHECK(hw::test::read_file(path) == text);
}

TEST_CASE("another program's SQLite database is refused, not migrated") {
  hw::test::TempDir dir;
  const auto path = dir / "other.db";
  {
    Database db(path, Database::Access::read_write);
    db.exec("CREATE TABLE bookmarks (url TEXT)");
  }
  CHECK_THROWS_WITH(Store::open(path, OpenMode::read_write), Contains("not a hypewatch one"));
  {
    Database db(path, Database::Access::read_write);
    db.exec("PRAGMA application_id = 42");
  }
  CHECK_THROWS_WITH(Store::open(path, OpenMode::read_write),
                    Contains("belongs to another application (application_id 42)"));
}

TEST_CASE("another program's database is refused before a single byte of it changes") {
  // Issue 14: the file used to be switched to WAL (header bytes 18-19) before the refusal.
  hw::test::TempDir dir;
  const auto path = dir / "other.db";
  {
    Database db(path, Database::Access::read_write);
    db.exec("PRAGMA application_id = 42");
    db.exec("CREATE TABLE bookmarks (url TEXT)");
    db.exec("INSERT INTO bookmarks VALUES ('https://example.org/')");
  }
  const std::string before = hw::test::read_file(path);
  REQUIRE(before.size() >= 100);
  REQUIRE(before[18] == 1);  // rollback journal, as the other program left it
  CHECK_THROWS_WITH(Store::open(path, OpenMode::read_write),
                    Contains("belongs to another application (application_id 42)"));
  CHECK(hw::test::read_file(path) == before);
  CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
}

TEST_CASE("read-only open never creates or migrates") {
  hw::test::TempDir dir;
  const auto missing = dir / "missing.db";
  CHECK_THROWS_WITH(Store::open(missing, OpenMode::read_only),
                    Equals("database " + missing.string() + " does not exist"));
  CHECK_FALSE(std::filesystem::exists(missing));

  const auto empty = dir / "empty.db";
  { Database db(empty, Database::Access::read_write); }
  CHECK_THROWS_WITH(Store::open(empty, OpenMode::read_only),
                    Contains("database " + empty.string() + " has no hypewatch schema yet"));
  Database db(empty, Database::Access::read_only);
  CHECK(db.pragma_int("user_version") == 0);
}

TEST_CASE("a read-only store refuses writes with a clear message") {
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  { Store::open(path, OpenMode::read_write); }
  Store reader = Store::open(path, OpenMode::read_only);
  CHECK_THROWS_WITH(reader.feeds().ensure_feed("https://example.org/rss"),
                    Contains("is open read-only"));
  CHECK(reader.feeds().list_feeds().empty());
}

TEST_CASE("a reader opens and reads while a writer holds the write lock in WAL mode") {
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  Store writer = Store::open(path, OpenMode::read_write);
  writer.feeds().ensure_feed("https://example.org/committed");

  // A second connection holds an open write transaction with an uncommitted row, as the
  // daemon does in the middle of record_evaluation.
  Database busy(path, Database::Access::read_write);
  hw::storage::Transaction tx(busy, "hold the write lock");
  busy.exec(
      "INSERT INTO feeds (url, created_at) VALUES ('https://example.org/uncommitted', "
      "'2012-05-23T14:00:00Z')");

  const auto started = std::chrono::steady_clock::now();
  Store reader = Store::open(path, OpenMode::read_only);
  const auto feeds = reader.feeds().list_feeds();
  REQUIRE(feeds.size() == 1);
  CHECK(feeds[0].url == "https://example.org/committed");
  // WAL readers do not wait for the writer (the busy timeout would be 5 s).
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));

  tx.commit();
  CHECK(reader.feeds().list_feeds().size() == 2);
}

TEST_CASE("a new file gets the schema of every step run in full") {
  // A new file skips the steps' UPDATEs (there are no rows to convert yet): the schema, the
  // full-text index's settings included, must be what running every statement builds.
  hw::test::TempDir dir;
  const auto fresh = dir / "fresh.db";
  const auto full = dir / "full.db";
  { Store::open(fresh, OpenMode::read_write); }
  {
    Database db(full, Database::Access::read_write);
    db.enable_wal();
    hw::storage::Transaction tx(db, "run every step in full");
    for (const auto& step : hw::storage::migrations()) {
      db.exec(step.sql);
    }
    tx.commit();
  }
  const auto dump = [](const std::filesystem::path& path) {
    Database db(path, Database::Access::read_only);
    std::vector<std::string> rows;
    auto schema = db.prepare(
        "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') "
        "FROM sqlite_schema ORDER BY type, name");
    while (schema.step()) {
      rows.push_back(schema.column_text(0));
    }
    auto config = db.prepare("SELECT k || '=' || v FROM stories_fts_config ORDER BY k");
    while (config.step()) {
      rows.push_back(config.column_text(0));
    }
    return rows;
  };
  const auto fresh_rows = dump(fresh);
  CHECK(fresh_rows.size() > 40);
  CHECK(fresh_rows == dump(full));
}
