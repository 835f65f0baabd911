// "did you mean" (util/suggest.cpp).
#include <catch2/catch.hpp>

#include "util/suggest.h"

TEST_CASE("the nearest known word is suggested for a typo, nothing for another word") {
  const std::vector<std::string> commands{"claims", "claim", "history", "stories", "stats"};
  CHECK(hw::nearest("clams", commands) == "claims");
  CHECK(hw::nearest("hsitory", commands) == "history");
  CHECK(hw::nearest("frobnicate", commands) == std::nullopt);
  CHECK(hw::nearest("ls", {"id", "ok"}) == std::nullopt);
  CHECK(hw::edit_distance("stauts", "status") == 2);
}
