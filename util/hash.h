#pragma once
// The one home of hypewatch's stable hashing: 64-bit FNV-1a, the same across runs, machines
// and versions (term ids in the stance model file, content digests in the database, fold
// assignment in the evaluation all depend on it). For identity and change detection, never
// for security.
#include <cstdint>
#include <string>
#include <string_view>

namespace hw {

// Incremental FNV-1a: feed several pieces, read the digest.
class Fnv1a {
 public:
  void add(std::string_view data) {
    for (const unsigned char c : data) {
      m_hash ^= c;
      m_hash *= 1099511628211ULL;
    }
  }
  std::uint64_t value() const { return m_hash; }

 private:
  std::uint64_t m_hash = 1469598103934665603ULL;
};

inline std::uint64_t fnv1a(std::string_view data) {
  Fnv1a h;
  h.add(data);
  return h.value();
}

// A digest as 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

// fnv1a(data) as 16 hex digits.
std::string stable_hash_hex(std::string_view data);

}  // namespace hw
