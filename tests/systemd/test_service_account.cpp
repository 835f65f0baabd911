// The service account as the unit sets it up: the daemon's user writes the database with
// UMask=0027 into a 0750 directory of its group; a member of the group, who may not write
// there, reads it, also after the daemon has stopped. Needs root to switch users (ctest skips
// it otherwise); uids and gids are numbers no account uses, so nothing on the machine changes.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/process.h"
#include "support/test_support.h"

using Catch::Matchers::Contains;

namespace {

namespace fs = std::filesystem;

constexpr const char* kDaemonUid = "64201";
constexpr const char* kGroup = "64202";
constexpr const char* kMemberUid = "64203";
constexpr const char* kOtherGroup = "64204";

// argv run as uid:gid with no supplementary groups and the unit's umask.
std::vector<std::string> as(const char* uid, const char* gid, std::vector<std::string> argv) {
  std::vector<std::string> out{"/usr/bin/setpriv",
                               std::string("--reuid=") + uid,
                               std::string("--regid=") + gid,
                               "--clear-groups",
                               "/bin/sh",
                               "-c",
                               "umask 027; exec \"$@\"",
                               "sh"};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

}  // namespace

TEST_CASE("a member of the service group reads the database, while and after the daemon writes") {
  hw::test::TempDir dir;
  fs::permissions(dir.path(),
                  fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  fs::copy(hw::test::source_dir() / "examples", dir / "examples", fs::copy_options::recursive);
  const std::string bin = hw::test::copy_into(dir.path(), HW_HYPEWATCH_BIN).string();
  const auto state = dir / "state";  // /var/lib/hypewatch as StateDirectoryMode=0750 makes it
  fs::create_directory(state);
  fs::permissions(state, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec,
                  fs::perm_options::replace);
  REQUIRE(::chown(state.c_str(), std::stoi(kDaemonUid), std::stoi(kGroup)) == 0);
  const std::string db = (state / "hw.db").string();

  auto poll = hw::test::run_process(as(
      kDaemonUid, kGroup,
      {bin, "--config", (dir / "examples/hypewatch.toml").string(), "--db", db, "poll", "--once"}));
  INFO(poll.out << poll.err);
  REQUIRE(poll.exit_code == 0);

  // The writer has exited; the WAL files stay so that readers need not create them.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    struct stat st {};
    INFO(db + suffix);
    REQUIRE(::stat((db + suffix).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(st.st_gid == static_cast<gid_t>(std::stoi(kGroup)));
  }

  const std::vector<std::string> query{"/usr/bin/sqlite3", "-readonly", db,
                                       "SELECT count(*) FROM claims"};
  auto member = hw::test::run_process(as(kMemberUid, kGroup, query));
  INFO(member.out << member.err);
  CHECK(member.exit_code == 0);
  CHECK(member.out == "6\n");

  // And through our own query commands, as a person in the group runs them.
  auto claims = hw::test::run_process(as(kMemberUid, kGroup, {bin, "--db", db, "claims"}));
  INFO(claims.out << claims.err);
  CHECK(claims.exit_code == 0);
  CHECK_THAT(claims.out, Contains("yemen-hacking") && Contains("clarified"));

  auto outsider = hw::test::run_process(as(kMemberUid, kOtherGroup, query));
  CHECK(outsider.exit_code != 0);
  CHECK_THAT(outsider.err, Contains("unable to open database"));
}
