// How wide tables may be and whether to colour them (cli/terminal.cpp).
#include <catch2/catch.hpp>

#include "cli/terminal.h"

using hw::cli::ColorWhen;

TEST_CASE("tables fit COLUMNS, else the terminal, on a tty only; --width wins") {
  CHECK(hw::cli::table_width(std::nullopt, true, "60", 200) == 60);
  CHECK(hw::cli::table_width(std::nullopt, true, nullptr, 132) == 132);
  CHECK(hw::cli::table_width(std::nullopt, true, "wide", 132) == 132);
  CHECK(hw::cli::table_width(std::nullopt, true, nullptr, 0) == 80);
  CHECK(hw::cli::table_width(std::nullopt, false, "60", 0) == 0);  // piped: never cut
  CHECK(hw::cli::table_width(100, false, "60", 0) == 100);
}

TEST_CASE("colour on a terminal unless NO_COLOR is set; --color always/never override") {
  CHECK(hw::cli::use_color(ColorWhen::automatic, true, nullptr));
  CHECK(hw::cli::use_color(ColorWhen::automatic, true, ""));
  CHECK_FALSE(hw::cli::use_color(ColorWhen::automatic, true, "1"));
  CHECK_FALSE(hw::cli::use_color(ColorWhen::automatic, false, nullptr));
  CHECK(hw::cli::use_color(ColorWhen::always, false, "1"));
  CHECK_FALSE(hw::cli::use_color(ColorWhen::never, true, nullptr));
}
