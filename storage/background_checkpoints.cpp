#include "storage/background_checkpoints.h"

#include <sqlite3.h>

#include <string>

#include "storage/wal_readers.h"

namespace hw::storage {

BackgroundCheckpoints::BackgroundCheckpoints(Store& store)
    : BackgroundCheckpoints(store, store.database().pages_for(kThreadBytes),
                            store.database().pages_for(kWriterBytes)) {}

BackgroundCheckpoints::BackgroundCheckpoints(Store& store, int thread_pages, int writer_pages)
    : m_thread_pages(thread_pages),
      m_writer_pages(writer_pages),
      m_writer(store.database()),
      m_own(m_writer.path(), Database::Access::read_write) {
  m_auto_checkpoint_pages = m_writer.pages_for(Database::kAutoCheckpointBytes);
  // The WAL file is written over in place rather than cut back to 4 MiB at every restart and
  // grown again, which made the file system allocate (and zero) ~60 MiB of new blocks each
  // time. Bounded: the writer restarts it at ~64 MiB.
  m_writer.exec("PRAGMA journal_size_limit = " + std::to_string(kWalBytesKept));
  m_thread = std::thread([this] { run(); });
  // Replaces the auto-checkpoint, which is SQLite's own WAL hook.
  sqlite3_wal_hook(m_writer.handle(), &BackgroundCheckpoints::on_commit, this);
}

BackgroundCheckpoints::~BackgroundCheckpoints() {
  sqlite3_wal_autocheckpoint(m_writer.handle(), m_auto_checkpoint_pages);
  // Back to what keep_wal_files_for_readers set: the next restart cuts the file back.
  const std::string limit = "PRAGMA journal_size_limit = " + std::to_string(kKeptWalBytes);
  sqlite3_exec(m_writer.handle(), limit.c_str(), nullptr, nullptr, nullptr);
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void BackgroundCheckpoints::start_now() {
  std::lock_guard lock(m_mutex);
  m_requested = true;  // after the one running, if any: that one copies less than is there now
  m_wake.notify_one();
}

int BackgroundCheckpoints::on_commit(void* self, sqlite3* db, const char*, int wal_pages) {
  static_cast<BackgroundCheckpoints*>(self)->after_commit(db, wal_pages);
  return SQLITE_OK;  // the commit succeeded whatever a checkpoint does
}

void BackgroundCheckpoints::after_commit(sqlite3* db, int wal_pages) {
  {
    std::lock_guard lock(m_mutex);
    if (m_requested || m_busy) {
      return;  // the thread is at it: the writer goes on
    }
    if (wal_pages < m_asked_at) {
      m_asked_at = 0;  // the WAL started over
    }
    if (m_asked_at < m_writer_pages || wal_pages < m_writer_pages) {
      if (wal_pages - m_asked_at >= m_thread_pages) {
        m_asked_at = wal_pages;
        m_requested = true;
        m_wake.notify_one();
      }
      return;
    }
    m_asked_at = 0;
  }
  // The thread has copied the WAL up to m_asked_at (>= m_writer_pages); what was committed
  // since is a commit or two. Copied here, on the writer, so that its next transaction finds
  // the whole WAL in the file and starts it over. PASSIVE: a reader still using old frames
  // only delays that (as SQLite's own auto-checkpoint would be delayed), and errors are left
  // to the checkpoint that ends the cycle (Store::checkpoint), as SQLite leaves those of its
  // auto-checkpoint.
  sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

void BackgroundCheckpoints::run() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_wake.wait(lock, [&] { return m_stop || m_requested; });
    if (m_stop) {
      return;
    }
    m_requested = false;
    m_busy = true;
    lock.unlock();
    // Errors (SQLITE_BUSY while the writer's own checkpoint runs, I/O) are left to the next
    // checkpoint, as above.
    sqlite3_wal_checkpoint_v2(m_own.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    m_busy = false;
  }
}

}  // namespace hw::storage
