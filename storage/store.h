#pragma once
// The one owner of hypewatch's state: Store opens the database, runs its migrations, owns the
// write batches, and hands out the aggregates that work over its one connection — feeds
// (FeedStore), stories and revisions (StoryStore), the claim ledger (ClaimLedger) and alerts
// (AlertStore). The outboxes and shell queries (DigestOutbox, WebhookOutbox, FactcheckPages,
// StoryQueries) take the same connection (database()). Keeping everything persistent behind
// the store keeps moving the claim history elsewhere (should it outgrow SQLite) a contained
// change.
//
// Errors: SQLite failures throw StorageError carrying SQLite's own message and what we were
// doing ("insert story feed=3 guid=…: database is locked"). Lookups that may find nothing
// return std::optional.
#include <cstdint>
#include <filesystem>
#include <memory>

#include "storage/alert_store.h"
#include "storage/claim_ledger.h"
#include "storage/connection.h"
#include "storage/feed_store.h"
#include "storage/storage_error.h"  // StorageError
#include "storage/story_store.h"

namespace hw::storage {

class Database;

struct Counts {
  std::int64_t feeds = 0, stories = 0, revisions = 0, matches = 0, alerts = 0, history = 0;
};

// One connection to the database. Not thread-safe: use one Store per thread (SQLite in WAL
// mode lets any number of read-only Stores run beside the one writer).
class Store {
 public:
  // Opens (creating it in read_write mode) and, in read_write mode, migrates the database.
  // WAL and foreign keys on. Throws StorageError naming the path, e.g. when the file is not a
  // database or its schema is newer than this program.
  static Store open(const std::filesystem::path& path, OpenMode mode);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  int schema_version() const;
  static int latest_schema_version();

  // The aggregates, each over this store's connection and in its mode (read-only stays
  // read-only). Valid while the store lives, also after it is moved.
  FeedStore& feeds();
  const FeedStore& feeds() const;
  StoryStore& stories();
  const StoryStore& stories() const;
  ClaimLedger& claims();
  const ClaimLedger& claims() const;
  AlertStore& alerts();
  const AlertStore& alerts() const;

  Counts counts() const;

  // The store's one connection. The other views of the same database (DigestOutbox,
  // StoryQueries) work over it instead of opening their own, so everything goes through this
  // store, in its mode (read-only stays read-only), and sees its writes at once.
  Database& database();
  // Write batches (storage/write_batch.h): while one is open, every write of the aggregates
  // joins one transaction (each as a savepoint of its own, so each is still all or nothing)
  // that commit_batch makes durable. The poll cycle uses them so that a cold poll is a few
  // commits, not one per feed and story; docs/schema.md ("Durability") says what a crash can
  // lose.
  void begin_batch();
  void commit_batch();
  void rollback_batch();  // when open (SQLite may have rolled back on its own)
  bool in_batch() const;
  // Copies the WAL into the database file and syncs both (a passive checkpoint: readers are
  // not waited for). The end of a poll cycle: a power cut then cannot lose an earlier cycle.
  void checkpoint();

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hw::storage
