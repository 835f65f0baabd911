#pragma once
// What the storage tests share: a fresh database with one feed and the seed claim, and the
// stories, changes, alerts and matches they write.
#include <catch2/catch.hpp>

#include "storage/digest_outbox.h"
#include "storage/sqlite.h"
#include "storage/store.h"
#include "support/test_support.h"

using namespace std::chrono;
using Catch::Matchers::Contains;
using hw::AlertKind;
using hw::ClaimStatus;
using hw::Stance;
using hw::Story;
using hw::TimePoint;
using hw::storage::Database;
using hw::storage::OpenMode;
using hw::storage::StorageError;
using hw::storage::Store;
using hw::storage::UpsertOutcome;

namespace hw::test::store {

inline const TimePoint t0 = sys_days{2012y / June / 14} + 9h;

inline Story make_story(std::string guid, std::string title, std::string summary) {
  Story s;
  s.guid = std::move(guid);
  s.link = "https://news.example/" + s.guid;
  s.title = std::move(title);
  s.summary = std::move(summary);
  s.published = t0;
  return s;
}

inline hw::Claim yemen_claim() {
  hw::Claim c;
  c.id = "yemen-hacking";
  c.statement = "The State Department hacked al-Qaeda websites in Yemen.";
  return c;
}

// A fresh database with one feed and the seed claim.
struct Fixture {
  hw::test::TempDir dir;
  std::filesystem::path path = dir / "hypewatch.db";
  Store store = Store::open(path, OpenMode::read_write);
  std::int64_t feed = store.feeds().ensure_feed("https://news.example/rss");

  Fixture() { store.claims().sync_claims({{yemen_claim(), "def-1"}}, t0); }
};

inline hw::storage::StatusChange change(ClaimStatus from, ClaimStatus to, TimePoint at) {
  hw::storage::StatusChange c;
  c.claim_id = "yemen-hacking";
  c.from = from;
  c.to = to;
  c.at = at;
  c.actor = "engine";
  c.rule = "required+clarification:'purchase of advertisements'";
  c.evidence_text = "the department bought advertisements";
  return c;
}

inline hw::Alert status_alert(ClaimStatus from, ClaimStatus to, std::int64_t story_id) {
  hw::Alert a;
  a.kind = AlertKind::status_change;
  a.claim_id = "yemen-hacking";
  a.from = from;
  a.to = to;
  a.story_id = story_id;
  a.message = "yemen-hacking: " + std::string(hw::to_string(from)) + " -> " +
              std::string(hw::to_string(to));
  return a;
}

inline hw::Match match(Stance stance, double score) {
  hw::Match m;
  m.claim_id = "yemen-hacking";
  m.stance = stance;
  m.score = score;
  m.evidence = "Clinton said the State Department hacked websites";
  m.rule = "required";
  return m;
}

}  // namespace hw::test::store

using namespace hw::test::store;
