// The shipped unit as systemd judges it: it must verify cleanly and score <= 2.0 ("OK") in
// systemd-analyze security.
#include <catch2/catch.hpp>
#include <regex>

#include "support/process.h"

TEST_CASE("hypewatchd.service passes systemd-analyze verify") {
  const auto r = hw::test::run_process({"/usr/bin/systemd-analyze", "verify", HW_TEST_UNIT});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // verify reports problems on stderr even when it exits 0.
  CHECK(r.err.find("hypewatchd.service") == std::string::npos);
}

TEST_CASE("hypewatchd.service scores at most 2.0 in systemd-analyze security") {
  const auto r = hw::test::run_process(
      {"/usr/bin/systemd-analyze", "security", "--offline=yes", HW_TEST_UNIT});
  INFO(r.out << r.err);
  std::smatch m;
  const std::string all = r.out + r.err;
  REQUIRE(std::regex_search(all, m,
                            std::regex("Overall exposure level for hypewatchd\\.service: "
                                       "([0-9.]+)")));
  CHECK(std::stod(m[1].str()) <= 2.0);
}
