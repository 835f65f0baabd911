// Crash consistency as a test: `kill -9` of `hypewatch poll --once` and `hypewatchd` during
// ingest and evaluation, and of `hypewatch digest --send` during delivery, 20 times each,
// against real servers on loopback; then the invariants. Kill points are chosen by progress
// the test can see (stories stored, matches recorded, a message received), never by sleeping.
#include <signal.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "storage/sqlite.h"
#include "storage/store.h"
#include "storage/writer_lock.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/script_server.h"
#include "support/test_support.h"

using hw::storage::Database;

namespace {

namespace fs = std::filesystem;

constexpr int kKills = 20;
constexpr int kFeeds = 8;

// Item j of feed f as it reads in round r: new items appear every round, and every round
// revises one older item of each feed, so revisions are written too. Some items repeat or
// clarify the example claim, so evaluation raises alerts.
std::string item(int f, int j, int r) {
  const std::string id = std::to_string(f) + "-" + std::to_string(j);
  const int revision = (j % 7 == r % 7) ? r : 0;
  std::string text;
  switch (j % 4) {
    case 0:
      text = "Clinton said the State Department hacked al-Qaeda websites in Yemen.";
      break;
    case 1:
      text = "The State Department clarified it was the purchase of advertisements on al-Qaeda "
             "websites in Yemen, not hacking.";
      break;
    default:
      text = "Harbour news " + id + ": the ferry timetable changes in June.";
  }
  return "<item><guid>g" + id + "</guid><link>https://site" + std::to_string(f) +
         ".example/" + id + "</link><title>Story " + id + "</title><description>" + text +
         " Edition " + std::to_string(revision) + ".</description><pubDate>Thu, " +
         std::to_string(10 + j % 18) + " May 2012 09:" + std::to_string(10 + j % 50) +
         ":00 GMT</pubDate></item>";
}

void write_feeds(const fs::path& www, int round) {
  for (int f = 0; f < kFeeds; ++f) {
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site " +
                      std::to_string(f) + "</title>";
    for (int j = 0; j < 20 + 4 * round; ++j) {
      xml += item(f, j, round);
    }
    xml += "</channel></rss>";
    // Whole files appear atomically: a fetch never sees half of one.
    const auto tmp = www / ("f" + std::to_string(f) + ".xml.tmp");
    hw::test::write_file(tmp, xml);
    fs::rename(tmp, www / ("f" + std::to_string(f) + ".xml"));
  }
}

std::int64_t scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_int64(0);
}

std::int64_t count_in(const fs::path& db, const char* table) {
  try {
    Database d(db, Database::Access::read_only);
    return scalar(d, std::string("SELECT count(*) FROM ") + table);
  } catch (const hw::Failure&) {
    return -1;  // not created yet
  }
}

// (feed url, guid) -> title|summary of the current revision; and (feed url, guid, claim) of
// its matches. The feed's URL is part of the key: several feeds may carry the same items.
struct Contents {
  std::map<std::string, std::string> stories;
  std::set<std::string> matches;
};

Contents contents(const fs::path& db) {
  Database d(db, Database::Access::read_only);
  Contents c;
  auto st = d.prepare(
      "SELECT f.url || ' ' || s.guid, r.title || '|' || r.summary FROM stories s "
      "JOIN feeds f ON f.id = s.feed_id "
      "JOIN v_current_revisions r ON r.id = s.current_revision_id");
  while (st.step()) {
    c.stories[st.column_text(0)] = st.column_text(1);
  }
  auto m = d.prepare(
      "SELECT f.url || ' ' || s.guid || ' ' || m.claim_id FROM matches m "
      "JOIN stories s ON s.id = m.story_id JOIN feeds f ON f.id = s.feed_id "
      "WHERE m.revision_id = s.current_revision_id");
  while (m.step()) {
    c.matches.insert(m.column_text(0));
  }
  return c;
}

// The invariants every database must keep, whatever was killed when.
void check_invariants(const fs::path& db) {
  Database d(db, Database::Access::read_write);
  auto integrity = d.prepare("PRAGMA integrity_check");
  REQUIRE(integrity.step());
  CHECK(integrity.column_text(0) == "ok");
  // FTS5's own check, against its content (the current revisions) too (rank = 1).
  CHECK_NOTHROW(d.exec("INSERT INTO stories_fts (stories_fts, rank) VALUES ('integrity-check', 1)"));
  CHECK(scalar(d, "SELECT count(*) FROM (SELECT 1 FROM stories GROUP BY feed_id, story_key "
                  "HAVING count(*) > 1)") == 0);
  CHECK(scalar(d, "SELECT count(*) FROM (SELECT 1 FROM alerts GROUP BY kind, claim_id, "
                  "story_id, from_status, to_status, message HAVING count(*) > 1)") == 0);
  CHECK(scalar(d, "SELECT count(*) FROM (SELECT 1 FROM matches GROUP BY revision_id, claim_id "
                  "HAVING count(*) > 1)") == 0);
  // A status change and its alert are written together: neither without the other.
  CHECK(scalar(d, "SELECT count(*) FROM claim_status_history h WHERE h.actor = 'engine' AND "
                  "NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = 'status_change' AND "
                  "a.claim_id = h.claim_id AND a.to_status = h.to_status AND "
                  "a.story_id IS h.story_id)") == 0);
  CHECK(scalar(d, "SELECT count(*) FROM alerts a WHERE a.kind = 'status_change' AND "
                  "a.story_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim_status_history h "
                  "WHERE h.claim_id = a.claim_id AND h.to_status = a.to_status AND "
                  "h.story_id IS a.story_id)") == 0);
  // Every current revision searchable: the index holds exactly the stories.
  CHECK(scalar(d, "SELECT count(*) FROM stories_fts") == scalar(d, "SELECT count(*) FROM stories"));
}

}  // namespace

TEST_CASE("kill -9 during ingest and evaluation loses and duplicates nothing") {
  hw::test::TempDir dir;
  fs::create_directories(dir / "www");
  write_feeds(dir / "www", 0);
  hw::test::HttpServer server(dir / "www");
  std::string config = "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                       "\"\npoll_interval = \"1h\"\n[fetch]\nhost_min_gap_ms = 0\nper_host = 8\n";
  for (int f = 0; f < kFeeds; ++f) {
    config += "[[feed]]\nurl = \"" + server.url("/files/f" + std::to_string(f) + ".xml") + "\"\n";
  }
  hw::test::write_file(dir / "hw.toml", config);
  const fs::path db = dir / "hw.db";
  const std::vector<std::string> poll{HW_HYPEWATCH_BIN, "--config", (dir / "hw.toml").string(),
                                      "--db", db.string(), "poll", "--once"};
  const std::vector<std::string> daemon{HW_HYPEWATCHD_BIN, "--config",
                                        (dir / "hw.toml").string(), "--db", db.string()};

  std::mt19937 rng(14);  // fixed: a failure can be replayed
  int killed_running = 0;
  for (int round = 1; round <= kKills; ++round) {
    write_feeds(dir / "www", round);
    const std::int64_t stories_before = std::max<std::int64_t>(count_in(db, "stories"), 0);
    const std::int64_t matches_before = std::max<std::int64_t>(count_in(db, "matches"), 0);
    hw::test::ChildProcess child(round % 2 ? daemon : poll,
                                 (dir / ("run-" + std::to_string(round) + ".log")).string());
    const int new_stories = kFeeds * 4;
    const auto k = static_cast<std::int64_t>(rng() % new_stories) + 1;
    switch (round % 3) {
      case 0:  // while it stores the feeds
        hw::test::wait_for(
            [&] { return !child.running() || count_in(db, "stories") >= stories_before + k; });
        break;
      case 1:  // while it evaluates
        hw::test::wait_for(
            [&] { return !child.running() || count_in(db, "matches") > matches_before; });
        break;
      default:  // as soon as it has the writer lock: opening, migrating, syncing claims
        hw::test::wait_for([&] {
          return !child.running() || hw::test::read_file(hw::storage::WriterLock::path_for(db)) ==
                                         std::to_string(child.pid()) + "\n";
        });
    }
    killed_running += child.running() ? 1 : 0;
    child.signal(SIGKILL);
    child.wait(20);
  }
  // Most kills must have hit a working process, or this test proves little.
  CHECK(killed_running >= kKills / 2);

  const auto clean = hw::test::run_process(poll, 120);
  INFO(clean.out << clean.err);
  REQUIRE(clean.exit_code == 0);
  check_invariants(db);
  {
    Database d(db, Database::Access::read_only);
    CHECK(scalar(d, "SELECT count(*) FROM pending_evaluations") == 0);
  }

  // Nothing lost: the same stories, texts and matches as one clean poll of the final feeds.
  const fs::path reference = dir / "reference.db";
  auto ref_poll = poll;
  ref_poll[4] = reference.string();
  REQUIRE(hw::test::run_process(ref_poll, 120).exit_code == 0);
  const auto got = contents(db);
  const auto want = contents(reference);
  CHECK(got.stories.size() == static_cast<std::size_t>(kFeeds * (20 + 4 * kKills)));
  CHECK(got.stories == want.stories);
  CHECK(got.matches == want.matches);
}

TEST_CASE("kill -9 during digest delivery: every alert delivered, none under two Message-IDs") {
  hw::test::TempDir dir;
  fs::create_directories(dir / "mail");
  // The server stores each message, then holds its 250 back for 300 ms: the window in which a
  // dying client has delivered without knowing it (issue 14: the README promised exactly once).
  hw::test::ScriptServer smtp("smtp_server.py", {(dir / "mail").string(), "0", "300"});
  hw::test::write_file(dir / "hw.toml",
                       "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                           "\"\n[digest]\nfrom = \"hw@test.example\"\nto = [\"desk@test.example\"]\n"
                           "smtp_url = \"smtp://127.0.0.1:" + std::to_string(smtp.port()) +
                           "\"\nstarttls = \"off\"\nlog = false\n");
  const fs::path db = dir / "hw.db";
  const std::vector<std::string> send{HW_HYPEWATCH_BIN, "--config", (dir / "hw.toml").string(),
                                      "--db", db.string(), "digest", "--send"};
  auto received = [&] {
    std::vector<nlohmann::json> out;
    for (int i = 1; fs::exists(dir / "mail" / ("msg-" + std::to_string(i) + ".json")); ++i) {
      out.push_back(nlohmann::json::parse(
          hw::test::read_file(dir / "mail" / ("msg-" + std::to_string(i) + ".json"))));
    }
    return out;
  };
  {
    auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
    hw::Claim claim;
    claim.id = "yemen-hacking";
    claim.statement = "The State Department hacked al-Qaeda websites in Yemen.";
    store.claims().sync_claims({{claim, "def"}}, hw::SystemClock{}.now());
  }

  std::set<std::string> markers;
  int killed_running = 0;
  for (int round = 1; round <= kKills; ++round) {
    {
      // New alerts for this round, as an evaluation writes them (the store is closed again
      // before the sender starts: the test is not a second writer).
      auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_write);
      hw::storage::EvaluationWrite w;
      w.at = hw::SystemClock{}.now();
      for (int j = 0; j < 3; ++j) {
        hw::Alert a;
        a.kind = hw::AlertKind::hype_spike;
        a.claim_id = "yemen-hacking";
        a.to = hw::ClaimStatus::tracked;
        a.message = "crash-alert-" + std::to_string(round) + "-" + std::to_string(j);
        markers.insert(a.message);
        w.alerts.push_back(a);
      }
      REQUIRE(store.claims().record_evaluation(w));
    }
    const std::size_t before = received().size();
    hw::test::ChildProcess child(send, (dir / ("send-" + std::to_string(round) + ".log")).string());
    if (round % 4 == 0) {
      child.wait(60);  // now and then a send that finishes
      continue;
    }
    if (round % 2) {
      // The server has stored the message; its 250 is still on the way.
      hw::test::wait_for([&] { return !child.running() || received().size() > before; });
    } else {
      // Before anything was sent: it holds the writer lock, the digest may not exist yet.
      hw::test::wait_for([&] {
        return !child.running() || hw::test::read_file(hw::storage::WriterLock::path_for(db)) ==
                                       std::to_string(child.pid()) + "\n";
      });
    }
    killed_running += child.running() ? 1 : 0;
    child.signal(SIGKILL);
    child.wait(20);
  }
  CHECK(killed_running >= kKills / 2);

  // Clean sends until the outbox is empty (a pending digest, then the alerts after it).
  for (int i = 0; i < 3; ++i) {
    const auto r = hw::test::run_process(send, 60);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
  }
  check_invariants(db);
  auto store = hw::storage::Store::open(db, hw::storage::OpenMode::read_only);
  CHECK(store.alerts().list_alerts(true).empty());

  // Every alert arrived, and any alert that arrived twice did so under one Message-ID: the
  // copy a receiver drops by that header (at-least-once delivery).
  const auto mails = received();
  std::map<std::string, std::set<std::string>> ids_of;
  for (const auto& m : mails) {
    for (const auto& marker : markers) {
      if (m["text"].get<std::string>().find(marker + "\n") != std::string::npos) {
        ids_of[marker].insert(m["message_id"].get<std::string>());
      }
    }
  }
  for (const auto& marker : markers) {
    INFO(marker);
    CHECK(ids_of[marker].size() == 1);
  }
}

TEST_CASE("kill -9 in the middle of a cold poll: the next poll stores everything, once") {
  // Ingest writes in batches (docs/schema.md, "Durability"): a kill loses the batch in
  // progress, and the feeds in it lost their validators with their stories, so the next poll
  // fetches and stores them again; nothing is stored twice.
  hw::test::TempDir dir;
  fs::create_directories(dir / "www");
  constexpr int kColdFeeds = 30;
  constexpr int kRound = 5;  // 20 + 4 * 5 = 40 items a feed
  for (int f = 0; f < kColdFeeds; f += kFeeds) {
    write_feeds(dir / "www", kRound);  // f0..f7
    for (int g = 0; g < kFeeds && f + g < kColdFeeds; ++g) {
      fs::copy_file(dir / "www" / ("f" + std::to_string(g) + ".xml"),
                    dir / "www" / ("c" + std::to_string(f + g) + ".xml"),
                    fs::copy_options::overwrite_existing);
    }
  }
  hw::test::HttpServer server(dir / "www");
  std::string config = "claims = \"" + (hw::test::source_dir() / "examples/claims.toml").string() +
                       "\"\n[fetch]\nhost_min_gap_ms = 0\nper_host = 4\n";
  for (int f = 0; f < kColdFeeds; ++f) {
    // Answers 60 ms late: the writer finds itself waiting and commits, so the kills below
    // land between commits of the ingest, not only after it.
    config += "[[feed]]\nurl = \"" + server.url("/delay/c" + std::to_string(f) + ".xml?ms=60") +
              "\"\n";
  }
  hw::test::write_file(dir / "hw.toml", config);
  auto poll_into = [&](const fs::path& db) {
    return std::vector<std::string>{HW_HYPEWATCH_BIN, "--config", (dir / "hw.toml").string(),
                                    "--db", db.string(), "poll", "--once"};
  };
  const fs::path reference = dir / "reference.db";
  REQUIRE(hw::test::run_process(poll_into(reference), 120).exit_code == 0);
  const auto want = contents(reference);
  const auto total = static_cast<std::int64_t>(want.stories.size());
  REQUIRE(total > 0);

  std::mt19937 rng(10);
  int mid_ingest = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    const fs::path db = dir / ("cold-" + std::to_string(attempt) + ".db");
    hw::test::ChildProcess child(poll_into(db),
                                 (dir / ("cold-" + std::to_string(attempt) + ".log")).string());
    const auto k = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(total / 2)) + 1;
    hw::test::wait_for([&] { return !child.running() || count_in(db, "stories") >= k; });
    child.signal(SIGKILL);
    child.wait(20);
    const std::int64_t stored = count_in(db, "stories");
    mid_ingest += stored >= 0 && stored < total ? 1 : 0;

    const auto next = hw::test::run_process(poll_into(db), 120);
    INFO(next.out << next.err);
    REQUIRE(next.exit_code == 0);
    check_invariants(db);
    const auto got = contents(db);
    CHECK(got.stories == want.stories);
    CHECK(got.matches == want.matches);
    Database d(db, Database::Access::read_only);
    CHECK(scalar(d, "SELECT count(*) FROM pending_evaluations") == 0);
  }
  // The kills must land in the middle of ingest, or this test proves little.
  CHECK(mid_ingest >= 3);
}
