#include "util/ascii_blocks.h"

#include <algorithm>
#include <array>

namespace hw::ascii {

BlockClasses classify_tail(const unsigned char* bytes, std::size_t size) {
  std::array<unsigned char, 64> block{};
  std::copy(bytes, bytes + std::min<std::size_t>(size, 64), block.begin());
  return classify64(block.data());
}

}  // namespace hw::ascii
