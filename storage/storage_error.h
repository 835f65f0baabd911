#pragma once
// The exception every storage failure is reported with. Its own header so that the SQLite
// wrappers (sqlite.h) need not include the whole Store interface.
#include "util/error.h"

namespace hw::storage {

// A failure of our own database: SQLite's message plus what we were doing and on which file.
class StorageError : public Failure {
 public:
  using Failure::Failure;
};

}  // namespace hw::storage
