// Tables for people (cli/table.cpp): display width, fitting a terminal, links, colour, CSV.
#include <catch2/catch.hpp>
#include <sstream>

#include "cli/table.h"

using Catch::Matchers::Contains;
using hw::cli::Table;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

std::string printed(const Table& t, hw::cli::TableStyle style = {}) {
  std::ostringstream out;
  t.print(out, style);
  return out.str();
}

}  // namespace

TEST_CASE("display width counts CJK and emoji as two columns, combining marks as none") {
  CHECK(hw::cli::display_width("abc") == 3);
  CHECK(hw::cli::display_width("é") == 1);          // precomposed
  CHECK(hw::cli::display_width("e\xCC\x81") == 1);  // e + combining acute
  CHECK(hw::cli::display_width("中国") == 4);
  CHECK(hw::cli::display_width("\xF0\x9F\x98\x80") == 2);  // 😀
  CHECK(hw::cli::display_width("\xFF") == 1);              // not UTF-8: one column
}

TEST_CASE("columns line up by display width, wide characters included") {
  Table t({"ID", "TITLE", "X"});
  t.add({"1", "中国新闻", "a"});
  t.add({"2", "plain", "b"});
  const auto out = lines(printed(t));
  REQUIRE(out.size() == 3);
  // "X" column starts after the widest title (8 columns) and two spaces in every row.
  CHECK(out[1] == "1   中国新闻  a");
  CHECK(out[2] == "2   plain     b");
}

TEST_CASE("a table wider than the terminal shortens links, then the flexible column") {
  Table t({"ID", "STATEMENT", "LINK"});
  const std::string statement(200, 's');
  const std::string link =
      "https://www.example.org/news/2012/05/24/a-very-long-path/yemen-hack.html";
  t.add({"1", statement, link});
  t.flexible(1);
  t.links(2);
  const auto out = lines(printed(t, {.width = 80}));
  REQUIRE(out.size() == 2);
  for (const auto& line : out) {
    CHECK(hw::cli::display_width(line) <= 80);
  }
  CHECK_THAT(out[1], Contains("example.org/…") && Contains("hack.html"));
  CHECK_THAT(out[1], Contains("s…"));

  // Without a width (a pipe), nothing is cut.
  const auto whole = printed(t);
  CHECK_THAT(whole, Contains(statement) && Contains(link));
}

TEST_CASE("with a wide terminal a long statement is not cut") {
  Table t({"ID", "STATEMENT"});
  const std::string statement(150, 'w');
  t.add({"1", statement});
  t.flexible(1);
  CHECK_THAT(printed(t, {.width = 220}), Contains(statement));
}

TEST_CASE("links are shortened to host, an ellipsis and the end of the path") {
  const std::string url = "https://www.meridianwire.example/world/2012/05/24/state-yemen-ads";
  CHECK(hw::cli::shorten_link(url, 200) == url);
  const auto short_link = hw::cli::shorten_link(url, 40);
  CHECK(hw::cli::display_width(short_link) <= 40);
  CHECK_THAT(short_link, Contains("meridianwire.example/…") && Contains("yemen-ads"));
  CHECK_THAT(short_link, !Contains("https://"));
  // Too little room for a useful end of the path: the host alone.
  CHECK(hw::cli::shorten_link("https://pacificpolicy.example/2012/09/14/hype", 26) ==
        "pacificpolicy.example/…");
}

TEST_CASE("empty cells show as - in tables and stay empty in CSV") {
  Table t({"A", "B", "C"});
  t.add({"1", "", "x"});
  CHECK(lines(printed(t))[1] == "1  -  x");
  std::ostringstream csv;
  t.print_csv(csv);
  CHECK(csv.str() == "A,B,C\r\n1,,x\r\n");
}

TEST_CASE("painted columns are coloured only when asked, and alignment ignores the colour") {
  Table t({"STATUS", "ID"});
  t.add({"disputed", "a"});
  t.paint(0, [](std::string_view) -> std::string_view { return "31"; });
  CHECK(lines(printed(t))[1] == "disputed  a");
  CHECK(lines(printed(t, {.color = true}))[1] == "\x1b[31mdisputed\x1b[0m  a");
}
