#pragma once
// Bytes classified 64 at a time into bit masks (bit i: byte i), for the scans that cut ASCII
// text into words without a decision per byte: the matcher's word scan
// (rules/rule_word_scan.cpp) and the full-text tokenizer (storage/fts_tokenizer.cpp). With SSE2
// (every x86-64) 16 bytes per instruction; elsewhere a byte at a time.
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hw::ascii {

struct BlockClasses {
  std::uint64_t alnum = 0;  // A-Z a-z 0-9
  std::uint64_t digit = 0;  // 0-9
  std::uint64_t point = 0;  // '.'
  std::uint64_t high = 0;   // not ASCII (the other masks are meaningless where this is set)
};

// The classes of the 64 bytes at `block` (all 64 are read). Inline: called for every 64 bytes.
#if defined(__SSE2__)
inline BlockClasses classify64(const unsigned char* block) {
  BlockClasses out;
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i));
    // Signed compares: right for ASCII; a byte that is not is only reported in `high`.
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                        _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i point = _mm_cmpeq_epi8(v, _mm_set1_epi8('.'));
    const auto bits = [&](__m128i m) {
      return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(m)))
             << (16 * i);
    };
    out.alnum |= bits(_mm_or_si128(alpha, digit));
    out.digit |= bits(digit);
    out.point |= bits(point);
    out.high |= bits(v);
  }
  return out;
}
#else
inline BlockClasses classify64(const unsigned char* block) {
  BlockClasses out;
  for (int i = 0; i < 64; ++i) {
    const unsigned char c = block[i];
    const std::uint64_t bit = std::uint64_t{1} << i;
    const bool digit = c >= '0' && c <= '9';
    if (digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      out.alnum |= bit;
    }
    out.digit |= digit ? bit : 0;
    out.point |= c == '.' ? bit : 0;
    out.high |= c >= 0x80 ? bit : 0;
  }
  return out;
}
#endif

// The classes of the `size` (at most 64) bytes at `bytes`, the rest of the block taken as
// bytes of no class (0).
BlockClasses classify_tail(const unsigned char* bytes, std::size_t size);

}  // namespace hw::ascii
