#pragma once
// WAL checkpoints on a thread of their own while the poll cycle's writer stores a cold poll.
//
// A checkpoint copies the WAL into the database file and syncs both files (synchronous=NORMAL):
// inside the writer's commit (SQLite's auto-checkpoint, every 32 MiB of WAL) the two fsyncs
// and the copying held the writer for ~0.1-0.2 s each time, and the parse threads, whose
// prepared feeds it stopped taking, waited with it. Here a thread with a connection of its own
// runs PASSIVE checkpoints (which never block the writer) whenever the writer's commits have
// put 32 MiB into the WAL. SQLite starts the WAL over only when a transaction begins after a
// checkpoint copied all of it, which the thread alone never achieves while the writer keeps
// committing; so once the WAL holds 64 MiB and the thread is idle, the writer copies the few
// frames committed since the thread's last checkpoint itself, and its next transaction starts
// the WAL over. Commits are synced when they were before (at each checkpoint, and by the
// checkpoint that ends every cycle): docs/schema.md, "Durability".
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "storage/database.h"
#include "storage/store.h"

struct sqlite3;

namespace hw::storage {

class BackgroundCheckpoints {
 public:
  // Takes over the checkpoints of `store`'s connection (its auto-checkpoint is off meanwhile).
  // Throws StorageError when the second connection cannot be opened. The page counts are
  // kThreadBytes and kWriterBytes below in pages of the file, except in tests.
  explicit BackgroundCheckpoints(Store& store);
  BackgroundCheckpoints(Store& store, int thread_pages, int writer_pages);
  // Waits for a checkpoint in progress and gives the connection its auto-checkpoint back.
  ~BackgroundCheckpoints();
  // Asks the thread for a checkpoint now (after the one running, if any), whatever the WAL
  // holds.
  void start_now();

  BackgroundCheckpoints(const BackgroundCheckpoints&) = delete;
  BackgroundCheckpoints& operator=(const BackgroundCheckpoints&) = delete;

  // WAL bytes after which the thread is asked for a checkpoint, and after which the writer
  // copies the rest itself so that the WAL starts over.
  static constexpr std::int64_t kThreadBytes = Database::kAutoCheckpointBytes;
  static constexpr std::int64_t kWriterBytes = 64LL << 20;
  // The WAL file may keep this many bytes while the thread runs (then 4 MiB again).
  static constexpr long long kWalBytesKept = 128LL << 20;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void after_commit(sqlite3* db, int wal_pages);
  void run();

  const int m_thread_pages;
  const int m_writer_pages;
  Database& m_writer;
  Database m_own;  // the thread's connection
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_requested = false;
  bool m_busy = false;  // the thread is checkpointing
  bool m_stop = false;
  int m_asked_at = 0;               // WAL pages when the thread was last asked
  int m_auto_checkpoint_pages = 0;  // the writer's auto-checkpoint, given back at the end
  std::thread m_thread;
};

}  // namespace hw::storage
