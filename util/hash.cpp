#include "util/hash.h"

#include <cstdio>

namespace hw {

std::string hex64(std::uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

std::string stable_hash_hex(std::string_view data) {
  return hex64(fnv1a(data));
}

}  // namespace hw
