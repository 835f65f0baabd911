#pragma once
// Scope guard for one write transaction.
#include <string>

#include "storage/database.h"

namespace hw::storage {

class Transaction {
 public:
  // BEGIN IMMEDIATE: takes the write lock up front (waiting up to the busy timeout), so two
  // writers cannot both read, then deadlock upgrading to write. `what` names the operation in
  // errors ("record evaluation story=12"). Inside a transaction that is already open (a
  // WriteBatch of the poll cycle) it is a SAVEPOINT instead: the same all-or-nothing for its
  // own writes, made durable by the enclosing commit.
  Transaction(Database& db, std::string what = {});
  // Rolls back unless commit() succeeded: an exception anywhere in the scope leaves the
  // database as it was (a savepoint: as it was when the guard was made).
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& m_db;
  std::string m_what;
  bool m_nested = false;
  bool m_done = false;
};

}  // namespace hw::storage
