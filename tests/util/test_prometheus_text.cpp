// The exposition format's details: escaping and numbers (util/prometheus_text.h).
#include "util/prometheus_text.h"

#include <catch2/catch.hpp>
#include <cmath>

TEST_CASE("label values escape backslash, double quote and line feed") {
  CHECK(hw::escape_label_value("plain") == "plain");
  CHECK(hw::escape_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
}

TEST_CASE("sample values: integers plainly, the rest exactly, infinities spelled") {
  CHECK(hw::format_sample_value(0) == "0");
  CHECK(hw::format_sample_value(27) == "27");
  CHECK(hw::format_sample_value(1717000000) == "1717000000");
  CHECK(hw::format_sample_value(0.25) == "0.25");
  CHECK(hw::format_sample_value(0.1) == "0.1");
  CHECK(std::stod(hw::format_sample_value(1.0 / 3)) == 1.0 / 3);
  CHECK(hw::format_sample_value(INFINITY) == "+Inf");
  CHECK(hw::format_sample_value(-INFINITY) == "-Inf");
  CHECK(hw::format_sample_value(NAN) == "NaN");
}

TEST_CASE("a family is HELP, TYPE, then its samples") {
  hw::PrometheusText text;
  text.family("x_total", "counter", "Things\\counted\nhere.");
  text.sample("x_total", {{"kind", "a\"b"}, {"site", "s"}}, 3);
  text.sample("x_total", 4);
  CHECK(text.text() ==
        "# HELP x_total Things\\\\counted\\nhere.\n"
        "# TYPE x_total counter\n"
        "x_total{kind=\"a\\\"b\",site=\"s\"} 3\n"
        "x_total 4\n");
}
