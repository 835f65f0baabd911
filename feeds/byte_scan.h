#pragma once
// Eight bytes at a time (SWAR): the text of every feed passes through a few byte loops
// (encoding checks, HTML to text, whitespace), and most of it is plain ASCII prose that needs
// no per-byte decision. These answer "is there anything in these 8 bytes to look at?".
#include <cstdint>
#include <cstring>

namespace hw::feeds::swar {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;

inline std::uint64_t load8(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// The high bit of each byte of x that is zero, and only of those.
inline std::uint64_t zero_bytes(std::uint64_t x) {
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// The high bit of each byte of x equal to c, and only of those.
inline std::uint64_t bytes_equal(std::uint64_t x, unsigned char c) {
  return zero_bytes(x ^ (kOnes * c));
}

// True when some byte of x is below n (n <= 128), i.e. a control character for n = 0x20.
inline bool any_below(std::uint64_t x, unsigned char n) {
  return ((x - kOnes * n) & ~x & kHigh) != 0;
}

// True when some byte of x has its high bit set (not ASCII).
inline bool any_high(std::uint64_t x) {
  return (x & kHigh) != 0;
}

}  // namespace hw::feeds::swar
