// WAL checkpoints on a thread of their own (storage/background_checkpoints.cpp).
#include <catch2/catch.hpp>

#include <filesystem>

#include "storage/background_checkpoints.h"
#include "storage/sqlite.h"
#include "storage/store.h"
#include "support/test_support.h"

using hw::storage::BackgroundCheckpoints;
using hw::storage::Database;
using hw::storage::OpenMode;
using hw::storage::Store;

TEST_CASE("with background checkpoints a long write keeps its WAL bounded and loses nothing") {
  hw::test::TempDir dir;
  const auto path = dir / "hw.db";
  Store store = Store::open(path, OpenMode::read_write);
  Database& db = store.database();
  db.exec("CREATE TABLE scratch (bytes BLOB NOT NULL)");
  constexpr int kCommits = 300;  // of 64 KiB each: ~20 MiB through the WAL
  {
    // The thread is asked every 64 pages; past 128 the writer copies the rest itself, so the
    // WAL starts over instead of growing with every commit.
    BackgroundCheckpoints checkpoints(store, 64, 128);
    for (int i = 0; i < kCommits; ++i) {
      db.exec("BEGIN IMMEDIATE");
      db.exec("INSERT INTO scratch (bytes) VALUES (randomblob(65536))");
      db.exec("COMMIT");
    }
  }
  const auto wal = std::filesystem::file_size(path.string() + "-wal");
  CHECK(wal < static_cast<std::uintmax_t>(kCommits) * 65536);
  store.checkpoint();

  Database reader(path, Database::Access::read_only);
  auto count = reader.prepare("SELECT count(*), sum(length(bytes)) FROM scratch");
  REQUIRE(count.step());
  CHECK(count.column_int64(0) == kCommits);
  CHECK(count.column_int64(1) == std::int64_t{kCommits} * 65536);
  auto check = reader.prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.column_text(0) == "ok");
}
