// The Debian package: build it with CPack, check its contents and dependencies, unpack it and
// run what it installed.
#include <catch2/catch.hpp>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

TEST_CASE("cpack builds a .deb with binaries, unit, config and claims; it installs and runs") {
  hw::test::TempDir dir;
  auto r = hw::test::run_process({"/usr/bin/cpack", "-G", "DEB", "-B", dir.path().string(),
                                  "--config", std::string(HW_BINARY_DIR) + "/CPackConfig.cmake"},
                                 600);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string deb;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    if (e.path().extension() == ".deb") {
      deb = e.path().string();
    }
  }
  REQUIRE_FALSE(deb.empty());

  r = hw::test::run_process({"/usr/bin/dpkg-deb", "-c", deb});
  REQUIRE(r.exit_code == 0);
  for (const char* path :
       {"./usr/bin/hypewatch", "./usr/bin/hypewatchd",
        "./usr/lib/systemd/system/hypewatchd.service", "./etc/hypewatch/hypewatch.toml",
        "./etc/hypewatch/claims.toml", "./usr/share/hypewatch/examples/hypewatch.toml",
        "./usr/share/doc/hypewatch/README.md"}) {
    CHECK_THAT(r.out, Contains(path));
  }

  r = hw::test::run_process({"/usr/bin/dpkg-deb", "-I", deb});
  REQUIRE(r.exit_code == 0);
  for (const char* dep : {"Depends:", "libcurl4", "libsqlite3-0", "libboost-log1.74.0",
                          "libpugixml1v5", "libsystemd0", "systemd"}) {
    CHECK_THAT(r.out, Contains(dep));
  }
  CHECK_THAT(r.out, Contains("conffiles"));

  // "Install" into a directory and run the installed binaries against the installed config.
  const auto root = dir / "root";
  REQUIRE(hw::test::run_process({"/usr/bin/dpkg-deb", "-x", deb, root.string()}).exit_code == 0);
  r = hw::test::run_process({(root / "usr/bin/hypewatchd").string(), "--check-config", "--config",
                             (root / "etc/hypewatch/hypewatch.toml").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("OK (0 feeds, 6 claims)"));
  const auto unit = hw::test::read_file(root / "usr/lib/systemd/system/hypewatchd.service");
  CHECK_THAT(unit, Contains("ExecStart=/usr/bin/hypewatchd --config "
                            "/etc/hypewatch/hypewatch.toml"));
}
