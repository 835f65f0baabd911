#pragma once
// Groups many writes of the poll cycle into one commit (Store::begin_batch). Rolls back
// unless committed, like Transaction: an exception leaves the database as the last commit
// left it. ensure_open() before a group of writes, commit() after some: what was committed
// stays, and the next ensure_open() starts a new batch.
#include "storage/store.h"

namespace hw::storage {

class WriteBatch {
 public:
  explicit WriteBatch(Store& store) : m_store(store) {}
  ~WriteBatch() {
    if (m_open) {
      try {
        m_store.rollback_batch();
      } catch (...) {
        // A destructor cannot report; the error that unwinds us is the one that matters.
      }
    }
  }
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  // Opens the batch if it is not open: call before each group of writes.
  void ensure_open() {
    if (!m_open) {
      m_store.begin_batch();
      m_open = true;
    }
  }
  // Commits what is open (nothing when nothing is).
  void commit() {
    if (m_open) {
      m_open = false;
      try {
        m_store.commit_batch();
      } catch (...) {
        m_store.rollback_batch();  // a COMMIT that failed may leave the transaction open
        throw;
      }
    }
  }
  bool open() const { return m_open; }

 private:
  Store& m_store;
  bool m_open = false;
};

}  // namespace hw::storage
