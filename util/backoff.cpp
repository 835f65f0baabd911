#include "util/backoff.h"

#include <algorithm>

namespace hw {

std::chrono::seconds exponential_backoff(std::chrono::seconds first, int failures,
                                         std::chrono::seconds cap) {
  std::chrono::seconds wait = first;
  for (int i = 1; i < failures && wait < cap; ++i) {
    wait *= 2;
  }
  return std::min(wait, cap);
}

}  // namespace hw
