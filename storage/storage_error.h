#pragma once
// The exception every storage failure is reported with. Its own header so that the SQLite
// wrappers (sqlite.h) need not include the whole Store interface.
#include <string>

#include "util/error.h"

namespace hw::storage {

// A failure of our own database: SQLite's message plus what we were doing and on which file.
class StorageError : public Failure {
 public:
  using Failure::Failure;
  // From a failed SQLite call: also keeps SQLite's own result code and message, without our
  // context, for callers that must tell a user's mistake (a bad search query) from a failure.
  StorageError(const std::string& message, int sqlite_code, std::string sqlite_message)
      : Failure(message), m_sqlite_code(sqlite_code), m_sqlite_message(std::move(sqlite_message)) {}

  int sqlite_code() const { return m_sqlite_code; }  // extended code; 0 = not from SQLite
  const std::string& sqlite_message() const { return m_sqlite_message; }

 private:
  int m_sqlite_code = 0;
  std::string m_sqlite_message;
};

}  // namespace hw::storage
