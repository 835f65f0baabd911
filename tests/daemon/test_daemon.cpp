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

  REQUIRE(hw::test::wait_for([&] { return stories_in(db) == 28; }));

  // A broken config on reload is refused with the reason; the daemon keeps running.
  hw::test::write_file(config, hw::test::read_file(config) + "\nbogus_key = 1\n");
  daemon.signal(SIGHUP);
  REQUIRE(hw::test::wait_for(
      [&] { return hw::test::read_file(log).find("reload rejected") != std::string::npos; }));
  CHECK(daemon.running());
  CHECK_THAT(hw::test::read_file(log), Contains("unknown key 'bogus_key'"));

  // A log file that cannot be opened is refused the same way (it used to end the daemon).
  const std::string original = hw::test::read_file(config);
  hw::test::write_file(config, "log_file = \"" + (dir / "no/such/dir/hw.log").string() + "\"\n" +
                                   original.substr(0, original.find("\nbogus_key")));
  daemon.signal(SIGHUP);
  REQUIRE(hw::test::wait_for(
      [&] { return hw::test::read_file(log).find("cannot open log file") != std::string::npos; }));
  CHECK(daemon.running());

  daemon.signal(SIGTERM);
  CHECK(daemon.wait(20) == 0);
  CHECK_THAT(hw::test::read_file(log), Contains("stopped"));
  CHECK(stories_in(db) == 28);
}

TEST_CASE("the CLI queries the database while hypewatchd writes to it") {
  hw::test::TempDir dir;
  std::filesystem::create_directory(dir / "feeds");
  std::string config = "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                       "\"\npoll_interval = \"1h\"\n";
  // 40 feeds x 60 items: enough writing to overlap with the queries below.
  for (int f = 0; f < 40; ++f) {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " +
                      std::to_string(f) + "</title>";
    for (int i = 0; i < 60; ++i) {
      const std::string id = std::to_string(f) + "-" + std::to_string(i);
      xml += "<item><guid>g" + id + "</guid><title>Story " + id +
             " on the harbour</title><description>Clinton said the State Department hacked "
             "al-Qaeda websites in Yemen, item " +
             id + ".</description><pubDate>Mon, 04 Jun 2012 09:30:00 GMT</pubDate></item>";
    }
    xml += "</channel></rss>";
    const auto name = "f" + std::to_string(f) + ".xml";
    hw::test::write_file(dir / "feeds" / name, xml);
    config += "[[feed]]\nurl = \"feeds/" + name + "\"\n";
  }
  hw::test::write_file(dir / "hw.toml", config);
  const auto db = dir / "hw.db";
  hw::test::ChildProcess daemon(
      {HW_HYPEWATCHD_BIN, "--config", (dir / "hw.toml").string(), "--db", db.string()},
      (dir / "daemon.log").string());

  int queries = 0, failures = 0;
  std::string last_error;
  REQUIRE(hw::test::wait_for([&] { return std::filesystem::exists(db); }));
  while (stories_in(db) < 2400 && queries < 400) {
    for (const char* cmd : {"claims", "alerts", "stories"}) {
      auto r = hw::test::run_process({HW_HYPEWATCH_BIN, "--db", db.string(), cmd, "--json"});
      ++queries;
      if (r.exit_code != 0) {
        ++failures;
        last_error = r.err;
      }
    }
  }
  INFO(last_error);
  CHECK(failures == 0);
  CHECK(queries >= 3);
  CHECK(stories_in(db) == 2400);
  daemon.signal(SIGTERM);
  CHECK(daemon.wait(20) == 0);
}
