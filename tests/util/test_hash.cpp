// util/hash.h: fnv1a_each (four texts at a time) gives each text's Fnv1a digest, whatever the
// number of texts and the lengths of their pieces.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "util/hash.h"

TEST_CASE("fnv1a_each gives the digest of each text's pieces") {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> texts_count(0, 13);
  std::uniform_int_distribution<int> pieces_count(0, 6);
  std::uniform_int_distribution<int> length(0, 300);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::vector<std::string>> owned(static_cast<std::size_t>(texts_count(rng)));
    std::vector<std::vector<std::string_view>> texts;
    std::vector<std::uint64_t> expected;
    for (auto& pieces : owned) {
      pieces.resize(static_cast<std::size_t>(pieces_count(rng)));
      hw::Fnv1a h;
      auto& views = texts.emplace_back();
      for (auto& piece : pieces) {
        for (int n = length(rng) * (byte(rng) < 32 ? 0 : 1); n > 0; --n) {
          piece += static_cast<char>(byte(rng));
        }
        h.add(piece);
        views.push_back(piece);
      }
      expected.push_back(h.value());
    }
    REQUIRE(hw::fnv1a_each(texts) == expected);
  }
  CHECK(hw::fnv1a("") == hw::fnv1a_each(std::vector<std::vector<std::string_view>>{{}}).front());
}
