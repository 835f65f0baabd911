// The Debian package: build it with CPack, check its contents, control files and dependencies,
// unpack it into a scratch root and run what it installed, the way an operator meets it.
#include <catch2/catch.hpp>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

// Builds the .deb once for all sections of the test case below.
std::string build_deb(const fs::path& dir) {
  auto r = hw::test::run_process({"/usr/bin/cpack", "-G", "DEB", "-B", dir.string(), "--config",
                                  std::string(HW_BINARY_DIR) + "/CPackConfig.cmake"},
                                 600);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".deb") {
      return e.path().string();
    }
  }
  FAIL("cpack made no .deb in " << dir);
  return {};
}

}  // namespace

TEST_CASE("cpack builds a .deb with binaries, unit, account, config, docs; it installs and runs") {
  hw::test::TempDir dir;
  const std::string deb = build_deb(dir.path());

  auto r = hw::test::run_process({"/usr/bin/dpkg-deb", "-c", deb});
  REQUIRE(r.exit_code == 0);
  for (const char* path :
       {"./usr/bin/hypewatch", "./usr/bin/hypewatchd",
        "./usr/lib/systemd/system/hypewatchd.service", "./usr/lib/sysusers.d/hypewatch.conf",
        "./etc/hypewatch/hypewatch.toml", "./etc/hypewatch/claims.toml",
        "./usr/share/hypewatch/examples/hypewatch.toml",
        "./usr/share/hypewatch/examples/claims.toml", "./usr/share/doc/hypewatch/README.md",
        "./usr/share/doc/hypewatch/claims.md", "./usr/share/doc/hypewatch/status.md",
        "./usr/share/doc/hypewatch/copyright", "./usr/share/doc/hypewatch/changelog.Debian.gz"}) {
    CHECK_THAT(r.out, Contains(path));
  }
  // The credentials directory: root's alone, since its files are secrets.
  CHECK_THAT(r.out, Contains("drwx------ root/root") && Contains("./etc/hypewatch/credentials/"));

  r = hw::test::run_process({"/usr/bin/dpkg-deb", "-I", deb});
  REQUIRE(r.exit_code == 0);
  for (const char* dep : {"Depends:", "libcurl4", "libsqlite3-0", "libboost-log1.74.0",
                          "libpugixml1v5", "libsystemd0", "systemd"}) {
    CHECK_THAT(r.out, Contains(dep));
  }
  CHECK_THAT(r.out, Contains("conffiles"));
  CHECK_THAT(r.out, Contains("Maintainer: hypewatch maintainers <maintainers@hypewatch.invalid>"));
  CHECK_FALSE(r.out.find("Humanity") != std::string::npos);
  // Maintainer scripts, executable ("*" in dpkg-deb's listing).
  for (const char* script : {"*  postinst", "*  prerm", "*  postrm"}) {
    CHECK_THAT(r.out, Contains(script));
  }

  // "Install" into a scratch root and run the installed binaries against the installed files.
  const auto root = dir / "root";
  REQUIRE(hw::test::run_process({"/usr/bin/dpkg-deb", "-x", deb, root.string()}).exit_code == 0);
  r = hw::test::run_process({(root / "usr/bin/hypewatchd").string(), "--check-config", "--config",
                             (root / "etc/hypewatch/hypewatch.toml").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // The live claims file ships empty: no example claims are watched by a fresh install.
  CHECK_THAT(r.out, Contains("OK (0 feeds, 0 claims)"));

  const auto unit = hw::test::read_file(root / "usr/lib/systemd/system/hypewatchd.service");
  CHECK_THAT(unit, Contains("ExecStart=/usr/bin/hypewatchd --config "
                            "/etc/hypewatch/hypewatch.toml"));
  CHECK_THAT(unit, Contains("\nUser=hypewatch\n") && Contains("\nGroup=hypewatch\n") &&
                       Contains("\nStateDirectoryMode=0750\n") && Contains("\nUMask=0027\n") &&
                       Contains("\nLoadCredential=hypewatch:/etc/hypewatch/credentials\n"));
  CHECK_FALSE(unit.find("\nDynamicUser=") != std::string::npos);

  // The sysusers.d entry creates the hypewatch user and group (here in the scratch root).
  const auto sysroot = dir / "sysroot";
  fs::create_directories(sysroot / "etc");
  r = hw::test::run_process({"/usr/bin/systemd-sysusers", "--root=" + sysroot.string(),
                             (root / "usr/lib/sysusers.d/hypewatch.conf").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(hw::test::read_file(sysroot / "etc/passwd"), Contains("hypewatch:x:"));
  CHECK_THAT(hw::test::read_file(sysroot / "etc/group"), Contains("hypewatch:x:"));
}

TEST_CASE("the installed demo runs from the package's examples, not the build or source tree") {
  hw::test::TempDir dir;
  const std::string deb = build_deb(dir.path());
  const auto unpacked = dir / "unpacked";
  REQUIRE(hw::test::run_process({"/usr/bin/dpkg-deb", "-x", deb, unpacked.string()}).exit_code ==
          0);
  // A copy in another place: nothing may depend on where the package was first unpacked.
  const auto root = dir / "elsewhere";
  fs::copy(unpacked, root, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  fs::remove_all(unpacked);
  fs::create_directory(dir / "tmp");

  auto r = hw::test::run_process({"/usr/bin/env", "-i", "TMPDIR=" + (dir / "tmp").string(),
                                  "HOME=" + dir.path().string(),
                                  (root / "usr/bin/hypewatch").string(), "demo"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string examples = (root / "usr/share/hypewatch/examples").string();
  CHECK_THAT(r.out, Contains("6 claims from " + examples + "/claims.toml"));
  CHECK_THAT(r.out, Contains("yemen-hacking: reported -> clarified"));
  CHECK_FALSE(r.out.find(hw::test::source_dir().string()) != std::string::npos);
  CHECK(fs::is_empty(dir / "tmp"));  // its temporary database is gone
}
