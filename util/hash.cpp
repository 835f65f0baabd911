#include "util/hash.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace hw {

std::string hex64(std::uint64_t value) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
  return buf;
}

std::vector<std::uint64_t> fnv1a_each(std::span<const std::vector<std::string_view>> texts) {
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  constexpr std::size_t kLanes = 4;
  std::vector<std::uint64_t> out(texts.size());
  // A lane hashes one text after another; `piece`/`offset` are its place in its text.
  struct Lane {
    std::size_t text = 0;
    std::size_t piece = 0;
    std::size_t offset = 0;
    std::uint64_t hash = Fnv1a().value();
    bool active = false;
  };
  std::array<Lane, kLanes> lanes;
  std::size_t next = 0;
  const auto start = [&](Lane& lane) {
    lane = Lane{};
    if (next < texts.size()) {
      lane.text = next++;
      lane.active = true;
    }
  };
  for (Lane& lane : lanes) {
    start(lane);
  }
  while (true) {
    // Past the pieces a lane has finished; a finished text is written out and the next begun.
    std::size_t active = 0;
    for (Lane& lane : lanes) {
      while (lane.active) {
        const auto& pieces = texts[lane.text];
        if (lane.piece < pieces.size() && lane.offset < pieces[lane.piece].size()) {
          break;
        }
        if (lane.piece < pieces.size()) {
          ++lane.piece;
          lane.offset = 0;
        } else {
          out[lane.text] = lane.hash;
          start(lane);
        }
      }
      active += lane.active ? 1 : 0;
    }
    if (active == 0) {
      break;
    }
    if (active < kLanes) {  // the last texts: one at a time, a piece at a time
      for (Lane& lane : lanes) {
        if (lane.active) {
          const std::string_view rest = texts[lane.text][lane.piece].substr(lane.offset);
          for (const unsigned char c : rest) {
            lane.hash = (lane.hash ^ c) * kPrime;
          }
          lane.offset += rest.size();
        }
      }
      continue;
    }
    // Four chains in step over as many bytes as every lane's current piece still has.
    std::size_t n = ~std::size_t{0};
    std::array<const unsigned char*, kLanes> p{};
    for (std::size_t l = 0; l < kLanes; ++l) {
      const std::string_view piece = texts[lanes[l].text][lanes[l].piece];
      n = std::min(n, piece.size() - lanes[l].offset);
      p[l] = reinterpret_cast<const unsigned char*>(piece.data()) + lanes[l].offset;
    }
    std::uint64_t h0 = lanes[0].hash, h1 = lanes[1].hash, h2 = lanes[2].hash, h3 = lanes[3].hash;
    for (std::size_t i = 0; i < n; ++i) {
      h0 = (h0 ^ p[0][i]) * kPrime;
      h1 = (h1 ^ p[1][i]) * kPrime;
      h2 = (h2 ^ p[2][i]) * kPrime;
      h3 = (h3 ^ p[3][i]) * kPrime;
    }
    lanes[0].hash = h0;
    lanes[1].hash = h1;
    lanes[2].hash = h2;
    lanes[3].hash = h3;
    for (Lane& lane : lanes) {
      lane.offset += n;
    }
  }
  return out;
}

std::string stable_hash_hex(std::string_view data) {
  return hex64(fnv1a(data));
}

}  // namespace hw
