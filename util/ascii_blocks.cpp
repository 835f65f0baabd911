#include "util/ascii_blocks.h"

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hw::ascii {

#if defined(__SSE2__)
BlockClasses classify64(const unsigned char* block) {
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
BlockClasses classify64(const unsigned char* block) {
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

BlockClasses classify_tail(const unsigned char* bytes, std::size_t size) {
  std::array<unsigned char, 64> block{};
  std::copy(bytes, bytes + std::min<std::size_t>(size, 64), block.begin());
  return classify64(block.data());
}

}  // namespace hw::ascii
