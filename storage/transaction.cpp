#include "storage/transaction.h"

namespace hw::storage {
namespace {

std::string prefixed(const std::string& what, const StorageError& e) {
  return what.empty() ? std::string(e.what()) : what + ": " + e.what();
}

// Savepoints nest by name like a stack: ROLLBACK TO / RELEASE address the innermost one of
// that name, which is the guard's own because guards are scoped.
constexpr std::string_view kSavepoint = "SAVEPOINT hw_write";
constexpr std::string_view kRelease = "RELEASE hw_write";
constexpr std::string_view kRollbackTo = "ROLLBACK TO hw_write";

}  // namespace

Transaction::Transaction(Database& db, std::string what)
    : m_db(db), m_what(std::move(what)), m_nested(db.in_transaction()) {
  try {
    m_db.exec(m_nested ? kSavepoint : "BEGIN IMMEDIATE");
  } catch (const StorageError& e) {
    throw StorageError(prefixed(m_what, e));
  }
}

Transaction::~Transaction() {
  // SQLite may already have rolled back on its own (e.g. SQLITE_FULL); ROLLBACK would then fail.
  if (!m_done && m_db.in_transaction()) {
    try {
      if (m_nested) {
        m_db.exec(kRollbackTo);
        m_db.exec(kRelease);
      } else {
        m_db.exec("ROLLBACK");
      }
    } catch (...) {
      // Nothing useful to do in a destructor: the first error is the one being reported.
    }
  }
}

void Transaction::commit() {
  try {
    m_db.exec(m_nested ? kRelease : "COMMIT");
  } catch (const StorageError& e) {
    throw StorageError(prefixed(m_what, e));
  }
  m_done = true;
}

}  // namespace hw::storage
