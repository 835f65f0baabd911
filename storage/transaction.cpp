#include "storage/transaction.h"

namespace hw::storage {
namespace {

std::string prefixed(const std::string& what, const StorageError& e) {
  return what.empty() ? std::string(e.what()) : what + ": " + e.what();
}

}  // namespace

Transaction::Transaction(Database& db, std::string what) : m_db(db), m_what(std::move(what)) {
  try {
    m_db.exec("BEGIN IMMEDIATE");
  } catch (const StorageError& e) {
    throw StorageError(prefixed(m_what, e));
  }
}

Transaction::~Transaction() {
  // SQLite may already have rolled back on its own (e.g. SQLITE_FULL); ROLLBACK would then fail.
  if (!m_done && m_db.in_transaction()) {
    try {
      m_db.exec("ROLLBACK");
    } catch (...) {
      // Nothing useful to do in a destructor: the first error is the one being reported.
    }
  }
}

void Transaction::commit() {
  try {
    m_db.exec("COMMIT");
  } catch (const StorageError& e) {
    throw StorageError(prefixed(m_what, e));
  }
  m_done = true;
}

}  // namespace hw::storage
