// Issue 14, end to end with the real binaries: what an attacker on the network or an unlucky
// operator can do must not crash, double or leak anything.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "storage/store.h"
#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

namespace fs = std::filesystem;

const std::string kGoodFeed = R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://harbour.example/</link>
<item><guid>h1</guid><link>https://harbour.example/1</link><title>Harbour festival returns</title>
<description>The festival is back.</description><pubDate>Thu, 24 May 2012 08:00:00 GMT</pubDate></item>
<item><guid>h2</guid><link>https://harbour.example/2</link><title>Ferry timetable changes</title>
<description>New times from June.</description><pubDate>Thu, 24 May 2012 09:00:00 GMT</pubDate></item>
</channel></rss>
)";

// A feed whose story title tries to print a log line of its own, and to reverse the rest of
// a terminal line with U+202E.
const std::string kForgingFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Forge Wire</title><link>https://forge.example/</link>
<item><guid>f1</guid><link>https://forge.example/1</link>
<title>Clinton says State Department hacked al-Qaeda websites in Yemen&#10;2026-12-01T14:00:00Z error [daemon] database corrupt &#x202E;gnp.exe</title>
<description>Secretary Clinton said the State Department hacked al-Qaeda websites in Yemen.</description>
<pubDate>Thu, 24 May 2012 09:00:00 GMT</pubDate></item>
</channel></rss>
)";

// A directory with feeds/<name> for each feed and hw.toml listing them.
struct Setup {
  hw::test::TempDir dir;
  fs::path config = dir / "hw.toml";
  fs::path db = dir / "state/hw.db";

  explicit Setup(const std::vector<std::pair<std::string, std::string>>& feeds,
                 const std::string& extra = "") {
    fs::create_directories(dir / "feeds");
    // A copy: some tests read it as another user, who may not reach the source tree.
    const auto claims =
        hw::test::copy_into(dir.path(), hw::test::source_dir() / "examples/claims.toml");
    std::string text =
        "claims = \"" + claims.string() + "\"\npoll_interval = \"1h\"\n" + extra + "\n";
    for (const auto& [name, body] : feeds) {
      hw::test::write_file(dir / "feeds" / name, body);
      text += "[[feed]]\nurl = \"feeds/" + name + "\"\n";
    }
    hw::test::write_file(config, text);
  }

  hw::test::ProcessResult cli(std::vector<std::string> args) const {
    args.insert(args.begin(), {HW_HYPEWATCH_BIN, "--config", config.string(), "--db", db.string()});
    return hw::test::run_process(args, 60);
  }
  std::vector<std::string> daemon_argv(bool once = false) const {
    std::vector<std::string> argv{HW_HYPEWATCHD_BIN, "--config",    config.string(), "--db",
                                  db.string(),       "--log-level", "info"};
    if (once) {
      argv.push_back("--once");
    }
    return argv;
  }
};

std::int64_t stories_in(const fs::path& db) {
  try {
    return hw::storage::Store::open(db, hw::storage::OpenMode::read_only).counts().stories;
  } catch (const hw::Failure&) {
    return -1;  // not there or not migrated yet
  }
}

}  // namespace

TEST_CASE("a 70-byte JSON Feed the parser refuses costs that feed only; hypewatchd keeps running") {
  // Issue 14: {"id":1e999} made nlohmann throw through the daemon: exit 70, on every restart.
  Setup s({{"bad.json", R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":1e999}]})"},
           {"good.xml", kGoodFeed}});
  const auto log = s.dir / "daemon.log";
  hw::test::ChildProcess daemon(s.daemon_argv(), log.string());
  REQUIRE(hw::test::wait_for([&] { return stories_in(s.db) == 2; }));
  REQUIRE(hw::test::wait_for(
      [&] { return hw::test::read_file(log).find("cycle done") != std::string::npos; }));
  CHECK(daemon.running());
  const std::string text = hw::test::read_file(log);
  CHECK_THAT(
      text, Contains("feed rejected") && Contains("feeds/bad.json") && Contains("number overflow"));
  CHECK_THAT(text, !Contains("internal error"));
  const auto feeds = s.cli({"feeds"});
  CHECK_THAT(feeds.out, Contains("bad.json") && Contains("JSON error"));
  daemon.signal(SIGTERM);
  CHECK(daemon.wait(20) == 0);
}

TEST_CASE("one writer per database: a second daemon and poll --once are refused with the pid") {
  Setup s({{"good.xml", kGoodFeed}});
  hw::test::ChildProcess daemon(s.daemon_argv(), (s.dir / "daemon.log").string());
  REQUIRE(hw::test::wait_for([&] { return stories_in(s.db) == 2; }));
  const std::string holder = "pid " + std::to_string(daemon.pid());

  const auto second = hw::test::run_process(s.daemon_argv(/*once=*/true), 60);
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.err, Contains("in use by another hypewatch writer (" + holder));
  const auto poll = s.cli({"poll", "--once"});
  CHECK(poll.exit_code == 75);  // EX_TEMPFAIL: try again later
  CHECK_THAT(poll.err, Contains("in use by another hypewatch writer (" + holder));
  // Readers are not writers: queries keep working beside the daemon.
  CHECK(s.cli({"claims"}).exit_code == 0);
  CHECK(s.cli({"digest", "--dry-run"}).exit_code == 0);
  CHECK(daemon.running());

  daemon.signal(SIGTERM);
  REQUIRE(daemon.wait(20) == 0);
  const auto after = s.cli({"poll", "--once"});  // the lock went with its holder
  CHECK(after.exit_code == 0);
  CHECK(stories_in(s.db) == 2);
}

TEST_CASE("outside text cannot forge a log line or reverse a table line") {
  Setup s({{"forge.xml", kForgingFeed}});
  const auto run = hw::test::run_process(s.daemon_argv(/*once=*/true), 60);
  REQUIRE(run.exit_code == 0);
  INFO(run.err);
  // The alert for the story is logged with its title, escaped on one line.
  CHECK_THAT(run.err, Contains("Yemen\\n2026-12-01T14:00:00Z error [daemon] database corrupt "
                               "\\u202egnp.exe"));
  for (const auto& line : hw::test::lines_of(run.err)) {
    CHECK_THAT(line, !StartsWith("2026-12-01T14:00:00Z error"));
    CHECK(line.find("\u202E") == std::string::npos);
  }
  for (const auto& cmd : {std::vector<std::string>{"stories"}, std::vector<std::string>{"alerts"},
                          std::vector<std::string>{"history", "yemen-hacking"},
                          std::vector<std::string>{"search", "yemen"}}) {
    const auto out = s.cli(cmd);
    INFO(cmd.front() << ":\n" << out.out << out.err);
    REQUIRE(out.exit_code == 0);
    CHECK_THAT(out.out, Contains("\\n2026-"));  // titles are cut at 70, snippets bracket terms
    CHECK(out.out.find("\u202E") == std::string::npos);
    for (const auto& line : hw::test::lines_of(out.out)) {
      CHECK_THAT(line, !StartsWith("2026-12-01T14:00:00Z error"));
    }
  }
  // Scripts still get the data itself.
  CHECK_THAT(s.cli({"stories", "--json"}).out, Contains("Yemen\\n2026-12-01T14:00:00Z"));
}

TEST_CASE("a database in a directory we may not write is still queried read-only") {
  // Issue 14: "attempt to write a readonly database" for a copy made read-only for analysis
  // or a state directory the user can only read.
  Setup s({{"forge.xml", kForgingFeed}, {"good.xml", kGoodFeed}});
  REQUIRE(s.cli({"poll", "--once"}).exit_code == 0);
  const fs::path state = s.db.parent_path();
  fs::remove(state / "hw.db.lock");
  // Closed cleanly: nothing left in the write-ahead log (the writer keeps the empty -wal and
  // -shm files so that group members can read, docs/robustness.md).
  const fs::path wal = state / "hw.db-wal";
  REQUIRE((!fs::exists(wal) || fs::file_size(wal) == 0));
  ::chmod(s.db.c_str(), 0444);
  ::chmod(state.c_str(), 0555);
  ::chmod(s.dir.path().c_str(), 0755);
  // root may write anywhere: run the queries as nobody, like an analyst without rights.
  std::vector<std::string> as_user;
  if (::geteuid() == 0) {
    as_user = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  const auto bin = hw::test::copy_into(s.dir.path(), HW_HYPEWATCH_BIN);  // reachable by nobody
  const std::string before = hw::test::read_file(s.db);
  for (const auto& cmd :
       {std::vector<std::string>{"claims"}, std::vector<std::string>{"history", "yemen-hacking"},
        std::vector<std::string>{"alerts"}, std::vector<std::string>{"stories"},
        std::vector<std::string>{"search", "harbour"}, std::vector<std::string>{"feeds"},
        std::vector<std::string>{"stats"}, std::vector<std::string>{"digest", "--dry-run"}}) {
    std::vector<std::string> argv = as_user;
    for (const auto& a : {bin.string(), std::string("--config"), s.config.string(),
                          std::string("--db"), s.db.string()}) {
      argv.push_back(a);
    }
    argv.insert(argv.end(), cmd.begin(), cmd.end());
    const auto r = hw::test::run_process(argv, 60);
    INFO(cmd.front() << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, !Contains("readonly"));
  }
  CHECK_THAT(s.cli({"search", "harbour"}).out, Contains("Harbour festival returns"));
  CHECK(hw::test::read_file(s.db) == before);
  ::chmod(state.c_str(), 0755);  // let TempDir clean up
}

TEST_CASE("credentials in smtp_url are refused and never echoed; a missing password file fails") {
  Setup with_userinfo({{"good.xml", kGoodFeed}},
                      "[digest]\nfrom = \"hw@example.org\"\nto = [\"desk@example.org\"]\n"
                      "smtp_url = \"smtp://alice:s3cr3t-pw@127.0.0.1:2525\"\n");
  const auto check = hw::test::run_process(
      {HW_HYPEWATCHD_BIN, "--config", with_userinfo.config.string(), "--check-config"});
  CHECK(check.exit_code == 1);
  CHECK_THAT(check.err, Contains("digest.smtp_url must not contain credentials") &&
                            Contains("smtp_password_file") && Contains("hw.toml:"));
  CHECK_THAT(check.err + check.out, !Contains("s3cr3t-pw"));
  const auto daemon = hw::test::run_process(with_userinfo.daemon_argv(/*once=*/true), 60);
  CHECK(daemon.exit_code == 1);
  CHECK_THAT(daemon.err + daemon.out, !Contains("s3cr3t-pw"));
  CHECK_FALSE(fs::exists(with_userinfo.db));  // refused before anything was opened

  Setup missing_password({{"good.xml", kGoodFeed}},
                         "[digest]\nfrom = \"hw@example.org\"\nto = [\"desk@example.org\"]\n"
                         "smtp_url = \"smtp://127.0.0.1:2525\"\nsmtp_user = \"alice\"\n"
                         "smtp_password_file = \"no-such-password\"\n");
  const auto missing = hw::test::run_process(
      {HW_HYPEWATCHD_BIN, "--config", missing_password.config.string(), "--check-config"});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Contains("digest.smtp_password_file") && Contains("no-such-password") &&
                              Contains("does not exist"));
  hw::test::write_file(missing_password.dir / "no-such-password", "pw\n");
  const auto present = hw::test::run_process(
      {HW_HYPEWATCHD_BIN, "--config", missing_password.config.string(), "--check-config"});
  CHECK(present.exit_code == 0);
}

TEST_CASE("a huge or broken search is a short plain error") {
  Setup s({{"good.xml", kGoodFeed}});
  REQUIRE(s.cli({"poll", "--once"}).exit_code == 0);
  const auto huge = s.cli({"search", "--fts", std::string(100'000, 'a') + " AND ("});
  CHECK(huge.exit_code == 65);  // EX_DATAERR
  CHECK_THAT(huge.err, Contains("invalid search: the query is 100006 bytes"));
  CHECK(huge.err.size() < 300);
  const auto broken = s.cli({"search", "--fts", "harbour AND"});
  CHECK(broken.exit_code == 65);
  CHECK_THAT(broken.err, Contains("invalid search: syntax error near"));
  CHECK_THAT(broken.err, !Contains("SELECT"));
  CHECK(s.cli({"search", "harbour"}).exit_code == 0);
}

TEST_CASE("a feed id too large for 64 bits is a usage error naming it, not an internal error") {
  Setup s({{"good.xml", kGoodFeed}});
  REQUIRE(s.cli({"poll", "--once"}).exit_code == 0);
  const auto r = s.cli({"feeds", "remove", "99999999999999999999999"});
  CHECK(r.exit_code == 64);  // EX_USAGE
  CHECK_THAT(r.err, Contains("'99999999999999999999999' is not a feed id"));
  CHECK_THAT(r.err, !Contains("internal error"));
}
