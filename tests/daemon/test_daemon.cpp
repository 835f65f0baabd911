// hypewatchd as a process: it polls, survives a bad reload, and stops cleanly on SIGTERM.
#include <signal.h>

#include <catch2/catch.hpp>

#include "storage/store.h"
#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

std::int64_t stories_in(const std::filesystem::path& db) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    return -1;
  }
  try {
    return hw::storage::Store::open(db, hw::storage::OpenMode::read_only).counts().stories;
  } catch (const hw::Failure&) {
    return -1;  // not created/migrated yet
  }
}

}  // namespace

TEST_CASE("hypewatchd polls, rejects a bad reload, and exits 0 on SIGTERM") {
  hw::test::TempDir dir;
  std::filesystem::copy(hw::test::source_dir() / "examples", dir / "ex",
                        std::filesystem::copy_options::recursive);
  const auto config = dir / "ex/hypewatch.toml";
  const auto db = dir / "state/hw.db";
  const auto log = dir / "daemon.log";
  hw::test::ChildProcess daemon(
      {HW_HYPEWATCHD_BIN, "--config", config.string(), "--db", db.string()}, log.string());

  REQUIRE(hw::test::wait_for([&] { return stories_in(db) == 27; }));

  // A broken config on reload is refused with the reason; the daemon keeps running.
  hw::test::write_file(config, hw::test::read_file(config) + "\nbogus_key = 1\n");
  daemon.signal(SIGHUP);
  REQUIRE(hw::test::wait_for(
      [&] { return hw::test::read_file(log).find("reload rejected") != std::string::npos; }));
  CHECK(daemon.running());
  CHECK_THAT(hw::test::read_file(log), Contains("unknown key 'bogus_key'"));

  daemon.signal(SIGTERM);
  CHECK(daemon.wait(20) == 0);
  CHECK_THAT(hw::test::read_file(log), Contains("stopped"));
  CHECK(stories_in(db) == 27);
}
