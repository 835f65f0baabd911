#include "storage/connection.h"

namespace hw::storage {

void Connection::require_writable(std::string_view what) const {
  if (mode == OpenMode::read_only) {
    throw StorageError("database " + db.path().string() + " is open read-only: cannot " +
                       std::string(what));
  }
}

}  // namespace hw::storage
