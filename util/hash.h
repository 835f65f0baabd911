#pragma once
// The one home of hypewatch's stable hashing: 64-bit FNV-1a, the same across runs, machines
// and versions (term ids in the stance model file, content digests in the database, fold
// assignment in the evaluation all depend on it). For identity and change detection, never
// for security.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// The fnv1a of each text (the concatenation of its pieces), the same digests as Fnv1a, made four
// texts at a time: FNV-1a is a chain of dependent multiplications, so one text at a time runs
// at the multiplier's latency, while four independent chains keep it busy (a feed's 50
// stories are hashed in about a third of the time).
std::vector<std::uint64_t> fnv1a_each(std::span<const std::vector<std::string_view>> texts);

// A digest as 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

// fnv1a(data) as 16 hex digits.
std::string stable_hash_hex(std::string_view data);

}  // namespace hw
