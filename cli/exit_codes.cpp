#include "cli/exit_codes.h"

#include "storage/storage_error.h"
#include "storage/writer_lock.h"

namespace hw::cli {

int exit_code_for(const std::exception& e) {
  // Most specific first: NotFound is a ConfigError, WriterBusy a StorageError.
  if (dynamic_cast<const UsageError*>(&e)) {
    return EX_USAGE;
  }
  if (dynamic_cast<const DataError*>(&e)) {
    return EX_DATAERR;
  }
  if (dynamic_cast<const NotFound*>(&e)) {
    return EX_NOINPUT;
  }
  if (dynamic_cast<const CannotCreate*>(&e)) {
    return EX_CANTCREAT;
  }
  if (dynamic_cast<const Unavailable*>(&e)) {
    return EX_UNAVAILABLE;
  }
  if (dynamic_cast<const storage::WriterBusy*>(&e)) {
    return EX_TEMPFAIL;
  }
  if (dynamic_cast<const storage::StorageError*>(&e)) {
    return EX_IOERR;
  }
  if (dynamic_cast<const ConfigError*>(&e)) {
    return EX_CONFIG;
  }
  return EX_SOFTWARE;
}

}  // namespace hw::cli
