#include <catch2/catch.hpp>

#include "util/source_position.h"

TEST_CASE("a source position reads FILE:LINE:COLUMN") {
  CHECK(hw::source_position("claims.toml", 14, 3) == "claims.toml:14:3");
  CHECK(hw::source_position("/etc/hypewatch/hypewatch.toml", 1, 1) ==
        "/etc/hypewatch/hypewatch.toml:1:1");
}
