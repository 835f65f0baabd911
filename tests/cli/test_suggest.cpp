// "did you mean" (cli/suggest.cpp).
#include <catch2/catch.hpp>

#include "cli/suggest.h"

TEST_CASE("the nearest known word is suggested for a typo, nothing for another word") {
  const std::vector<std::string> commands{"claims", "claim", "history", "stories", "stats"};
  CHECK(hw::app::nearest("clams", commands) == "claims");
  CHECK(hw::app::nearest("hsitory", commands) == "history");
  CHECK(hw::app::nearest("frobnicate", commands) == std::nullopt);
  CHECK(hw::app::nearest("ls", {"id", "ok"}) == std::nullopt);
  CHECK(hw::app::edit_distance("stauts", "status") == 2);
}
