#pragma once
// One writer per database: the process that runs poll cycles, evaluations and digest
// delivery (hypewatchd, `hypewatch poll --once`, `rescan`, `digest --send`) holds an flock on
// "<database>.lock" for as long as it lives. SQLite serialises single transactions, but two
// such processes would both work through the same queue and the same outbox.
#include <filesystem>

#include "storage/storage_error.h"

namespace hw::storage {

// Thrown when another process holds the lock; the message names it ("pid 4242").
class WriterBusy : public StorageError {
 public:
  using StorageError::StorageError;
};

class WriterLock {
 public:
  // Takes the lock beside `db` without waiting and writes our pid into the lock file. Throws
  // WriterBusy naming the holder's pid when another process has it, StorageError when the
  // lock file cannot be created. The kernel drops the lock when the process dies, even by
  // SIGKILL, so a stale lock file never blocks a restart.
  explicit WriterLock(const std::filesystem::path& db);
  ~WriterLock();
  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&&) = delete;
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  // "<database>.lock"
  static std::filesystem::path path_for(const std::filesystem::path& db);

 private:
  int m_fd = -1;
};

}  // namespace hw::storage
