// The RAII SQLite layer (storage/sqlite.h): errors with context, transactions, the statement cache.
#include <catch2/catch.hpp>

#include "storage/sqlite.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using hw::storage::Database;
using hw::storage::StorageError;
using hw::storage::Transaction;

namespace {

Database scratch(const hw::test::TempDir& dir) {
  Database db(dir / "scratch.db", Database::Access::read_write);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, at TEXT)");
  return db;
}

std::int64_t rows(Database& db) {
  auto st = db.cached("SELECT count(*) FROM t");
  st->step();
  return st->column_int64(0);
}

}  // namespace

TEST_CASE("a read-write database has foreign keys on, and WAL once enabled") {
  hw::test::TempDir dir;
  Database db = scratch(dir);
  db.enable_wal();
  auto mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.column_text(0) == "wal");
  CHECK(db.pragma_int("foreign_keys") == 1);
  CHECK(db.pragma_int("synchronous") == 1);  // NORMAL
}

TEST_CASE("statements bind values, step and read typed and optional columns") {
  hw::test::TempDir dir;
  Database db = scratch(dir);
  const hw::TimePoint t = std::chrono::sys_days{std::chrono::year{2012} / 5 / 23};
  {
    auto st = db.cached("INSERT INTO t (name, at) VALUES (:name, :at)");
    st->bind(":name", std::string("it's; DROP TABLE t; --")).bind(":at", t);
    st->run();
  }
  {
    auto st = db.cached("INSERT INTO t (name, at) VALUES (?1, ?2)");
    st->bind(1, "second").bind(2, std::optional<hw::TimePoint>());
    st->run();
  }
  auto st = db.cached("SELECT id, name, at FROM t ORDER BY id");
  REQUIRE(st->step());
  CHECK(st->column_text(1) == "it's; DROP TABLE t; --");
  CHECK(st->column_time(2) == t);
  CHECK(st->optional_time(2) == t);
  REQUIRE(st->step());
  CHECK(st->column_text(1) == "second");
  CHECK_FALSE(st->optional_time(2).has_value());
  CHECK(st->optional_text(2) == std::nullopt);
  CHECK_FALSE(st->step());
}

TEST_CASE("errors carry the database path, the SQL and SQLite's own message") {
  hw::test::TempDir dir;
  Database db = scratch(dir);
  db.exec("INSERT INTO t (name) VALUES ('dup')");
  auto st = db.cached("INSERT INTO t (name) VALUES (?1)");
  st->bind(1, "dup");
  try {
    st->run();
    FAIL("expected a UNIQUE violation");
  } catch (const StorageError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Contains((dir / "scratch.db").string()));
    CHECK_THAT(what, Contains("INSERT INTO t (name) VALUES (?1)"));
    CHECK_THAT(what, Contains("UNIQUE constraint failed: t.name"));
  }
  CHECK_THROWS_WITH(db.prepare("SELEC nonsense"), Contains("syntax error"));
  CHECK_THROWS_WITH(db.prepare("SELECT 1; SELECT 2"), Contains("more than one statement"));
  CHECK_THROWS_WITH(db.prepare("SELECT 1 WHERE 1 = :x").bind(":y", 1), Contains("no parameter :y"));
}

TEST_CASE("a time column holding anything but format_utc text is an error, not the epoch") {
  hw::test::TempDir dir;
  Database db = scratch(dir);
  db.exec("INSERT INTO t (name, at) VALUES ('x', '2012-05-23 14:00')");
  auto st = db.cached("SELECT at FROM t");
  REQUIRE(st->step());
  CHECK_THROWS_WITH(st->column_time(0), Contains("'2012-05-23 14:00' is not a UTC time"));
}

TEST_CASE("a transaction rolls back unless committed") {
  hw::test::TempDir dir;
  Database db = scratch(dir);
  {
    Transaction tx(db, "test");
    db.exec("INSERT INTO t (name) VALUES ('rolled back')");
    CHECK(db.in_transaction());
  }
  CHECK_FALSE(db.in_transaction());
  CHECK(rows(db) == 0);
  try {
    Transaction tx(db, "test");
    db.exec("INSERT INTO t (name) VALUES ('a')");
    db.exec("INSERT INTO t (name) VALUES ('a')");  // throws: UNIQUE
    tx.commit();
  } catch (const StorageError&) {
  }
  CHECK(rows(db) == 0);
  {
    Transaction tx(db, "test");
    db.exec("INSERT INTO t (name) VALUES ('kept')");
    tx.commit();
  }
  CHECK(rows(db) == 1);
}

TEST_CASE("a cached statement cannot be used twice at once and is reset after use") {
  hw::test::TempDir dir;
  Database db = scratch(dir);
  db.exec("INSERT INTO t (name) VALUES ('a'), ('b')");
  {
    auto outer = db.cached("SELECT name FROM t ORDER BY name");
    REQUIRE(outer->step());
    REQUIRE(outer->step());
    CHECK_THROWS_WITH(db.cached("SELECT name FROM t ORDER BY name"), Contains("already in use"));
  }
  // The lease ended mid-result: the statement starts from the first row again.
  auto again = db.cached("SELECT name FROM t ORDER BY name");
  REQUIRE(again->step());
  CHECK(again->column_text(0) == "a");
}
