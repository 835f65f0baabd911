// Story texts stored in the sqlar format (storage/sqlar.cpp, schema v9): the codec, the SQL
// functions every connection has, the v8 -> v9 migration, and what a plain sqlite3 shell reads.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "storage/migrations.h"
#include "storage/sqlar.h"
#include "store_fixture.h"
#include "support/process.h"

using hw::storage::register_sqlar_functions;
using hw::storage::sqlar_compress;
using hw::storage::sqlar_uncompress;
using namespace hw::test::store;

namespace {

// Compressible, multi-byte, with a NUL-free mix of lines: what a news story's content is like.
std::string long_text(const std::string& seed) {
  std::string s;
  for (int i = 0; i < 200; ++i) {
    s += seed + " — paragraph " + std::to_string(i) + ": officials said the websites in Yemen "
         "were hacked, Département d'État.\n";
  }
  return s;
}

std::string hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

std::string one_text(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_text(0);
}

}  // namespace

TEST_CASE("sqlar_compress shrinks text, keeps what would not shrink, and round-trips") {
  const std::string text = long_text("a");
  const auto packed = sqlar_compress(text);
  REQUIRE(packed);
  CHECK(packed->size() < text.size() / 5);
  CHECK(sqlar_uncompress(*packed, static_cast<std::int64_t>(text.size())).value() == text);

  CHECK_FALSE(sqlar_compress(""));
  CHECK_FALSE(sqlar_compress("short title"));  // zlib's header alone would make it longer
  // Stored as is: size == length (or 0) returns the bytes unchanged, as the shell's does.
  CHECK(sqlar_uncompress("short title", 11).value() == "short title");
  CHECK(sqlar_uncompress("", 0).value().empty());

  const auto corrupt = sqlar_uncompress("not zlib at all", 400);
  REQUIRE_FALSE(corrupt);
  CHECK_THAT(corrupt.error().message, Contains("does not inflate to 400 bytes"));
  CHECK_FALSE(sqlar_uncompress(*packed, static_cast<std::int64_t>(text.size()) + 1));
}

TEST_CASE("every connection has sqlar_compress and sqlar_uncompress") {
  Fixture f;
  Database db(f.path, Database::Access::read_only);
  auto st = db.prepare(
      "SELECT typeof(sqlar_compress(?1)), CAST(sqlar_uncompress(sqlar_compress(?1), ?2) AS "
      "TEXT), typeof(sqlar_compress('tiny')), sqlar_uncompress('tiny', 4)");
  const std::string text = long_text("b");
  st.bind(1, text).bind(2, static_cast<std::int64_t>(text.size()));
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "blob");
  CHECK(st.column_text(1) == text);
  CHECK(st.column_text(2) == "text");
  CHECK(st.column_text(3) == "tiny");
  CHECK_THROWS_WITH(db.exec("SELECT sqlar_uncompress('garbage', 100)"),
                    Contains("does not inflate"));
}

TEST_CASE("revision texts are stored compressed and read back exactly") {
  Fixture f;
  Story s = make_story("g1", "Yemen sites hacked", "short summary");
  s.content = long_text("c");
  const auto r = f.store.stories().upsert_story(f.feed, s, t0);
  Story empty = make_story("g2", "", "");
  f.store.stories().upsert_story(f.feed, empty, t0);

  auto st = f.store.database().prepare(
      "SELECT typeof(content_z), length(content_z), content_size, typeof(summary_z), "
      "summary_size FROM story_revisions WHERE id = ?1");
  st.bind(1, r.revision_id);
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "blob");
  CHECK(st.column_int64(1) < st.column_int64(2) / 5);
  CHECK(st.column_int64(2) == static_cast<std::int64_t>(s.content.size()));
  CHECK(st.column_text(3) == "text");  // too short to shrink: kept as is
  CHECK(st.column_int64(4) == 13);

  const auto back = f.store.stories().story(r.story_id);
  REQUIRE(back);
  CHECK(back->summary == s.summary);
  CHECK(back->content == s.content);
  // Unchanged text is recognised as unchanged; a changed one is a new revision.
  CHECK(f.store.stories().upsert_story(f.feed, s, t0 + 1h).outcome == UpsertOutcome::unchanged);
  s.content += "Correction appended.";
  CHECK(f.store.stories().upsert_story(f.feed, s, t0 + 2h).outcome == UpsertOutcome::revised);
  CHECK(f.store.stories().story(r.story_id)->content == s.content);
  f.store.database().exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
}

TEST_CASE("schema v9 converts the texts of a v8 database and keeps the index consistent") {
  hw::test::TempDir dir;
  const auto path = dir / "v8.db";
  const std::string content = long_text("d");
  {
    // A v8 database, built by the shipped steps 1..8, with stories written as v8 wrote them.
    Database db(path, Database::Access::read_write);
    db.exec("BEGIN");
    for (const auto& step : hw::storage::migrations()) {
      if (step.version <= 8) {
        db.exec(step.sql);
      }
    }
    db.exec("PRAGMA application_id = 1752789111");
    db.exec("PRAGMA user_version = 8");
    db.exec(
        "INSERT INTO feeds (id, url, created_at) VALUES (1, 'https://news.example/rss', "
        "'2012-06-14T09:00:00Z')");
    for (int i = 1; i <= 3; ++i) {
      auto st = db.prepare(
          "INSERT INTO stories (id, feed_id, story_key, guid, first_seen_at) "
          "VALUES (?1, 1, ?2, ?2, '2012-06-14T09:00:00Z')");
      st.bind(1, std::int64_t{i}).bind(2, "g" + std::to_string(i));
      st.run();
      auto rev = db.prepare(
          "INSERT INTO story_revisions (id, story_id, revision, title, summary, content, "
          "content_hash, fetched_at) VALUES (?1, ?1, 1, ?2, ?3, ?4, 'x', "
          "'2012-06-14T09:00:00Z')");
      rev.bind(1, std::int64_t{i}).bind(2, "Yemen story " + std::to_string(i));
      rev.bind(3, i == 2 ? std::string() : "summary " + std::to_string(i));
      rev.bind(4, i == 3 ? std::string("tiny") : content);
      rev.run();
      db.exec("UPDATE stories SET current_revision_id = id WHERE id = " + std::to_string(i));
    }
    // What v8's writer did before its savepoint ended (storage/fts_queue.cpp then).
    db.exec(
        "INSERT INTO stories_fts (rowid, title, summary, content) SELECT r.id, r.title, "
        "r.summary, r.content FROM stories_fts_pending p JOIN story_revisions r "
        "ON r.id = p.new_revision_id ORDER BY r.id");
    db.exec("DELETE FROM stories_fts_pending");
    db.exec("COMMIT");
  }

  Store store = Store::open(path, OpenMode::read_write);
  CHECK(store.database().pragma_int("user_version") == hw::storage::latest_schema_version());
  auto& db = store.database();
  db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
  CHECK(one_text(db, "SELECT typeof(content_z) FROM story_revisions WHERE id = 1") == "blob");
  CHECK(one_text(db, "SELECT content FROM v_stories WHERE id = 1") == content);
  CHECK(one_text(db, "SELECT summary FROM v_stories WHERE id = 2").empty());
  CHECK(one_text(db, "SELECT content FROM v_current_revisions WHERE id = 3") == "tiny");
  CHECK(store.stories().story(1)->content == content);
  CHECK(store.stories().story(1)->summary == "summary 1");
  const auto hits = store.stories().search_stories("hacked");
  REQUIRE(hits);
  REQUIRE(hits->size() == 2);
  CHECK_THAT(hits->front().snippet, Contains("[hacked]"));
  // The immutability trigger is back.
  CHECK_THROWS_WITH(db.exec("UPDATE story_revisions SET title = 'x'"), Contains("immutable"));
  // A revision after the migration moves its index entry with the old text, decompressed.
  Story s = make_story("g1", "Yemen story 1", "summary 1");
  s.content = content + "Update.";
  store.stories().upsert_story(1, s, t0);
  db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
}

TEST_CASE("the documented views read the same texts in a plain sqlite3 shell") {
  const std::string shell = "/usr/bin/sqlite3";
  if (!std::filesystem::exists(shell)) {
    WARN("no sqlite3 shell (tools/install-deps installs it): not checked");
    return;
  }
  Fixture f;
  Story s = make_story("g1", "State Department hacked al-Qaeda sites", "Yemen, officials say");
  s.content = long_text("e");
  const auto r = f.store.stories().upsert_story(f.feed, s, t0);
  Story other = make_story("g2", "Weather", "");
  other.content = "Sunny.";
  f.store.stories().upsert_story(f.feed, other, t0);

  const auto run = [&](const std::string& sql) {
    const auto res = hw::test::run_process({shell, "-batch", "-noheader", f.path.string(), sql});
    INFO(res.err);
    REQUIRE(res.exit_code == 0);
    return res.out;
  };
  // Bytes compared as hex: the shell prints texts as they are, newlines included.
  CHECK(run("SELECT hex(title), hex(summary), hex(content), typeof(content) FROM v_stories "
            "WHERE id = " + std::to_string(r.story_id)) ==
        hex(s.title) + "|" + hex(s.summary) + "|" + hex(s.content) + "|text\n");
  CHECK(run("SELECT group_concat(hex(content), ',') FROM v_current_revisions ORDER BY id") ==
        hex(s.content) + "," + hex(other.content) + "\n");
  // docs/schema.md's full-text example; snippet() reads the content view, here the compressed
  // content column.
  CHECK(run("SELECT s.title, snippet(stories_fts, -1, '[', ']', '…', 12) FROM stories_fts "
            "JOIN v_current_revisions r ON r.id = stories_fts.rowid JOIN v_stories s "
            "ON s.id = r.story_id WHERE stories_fts MATCH 'hack* AND yemen' ORDER BY rank") ==
        "State Department hacked al-Qaeda sites|…officials said the websites in [Yemen] were "
        "[hacked], Département d'État.\ne…\n");
  CHECK(run("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check'); "
            "SELECT 'ok'") == "ok\n");
}

TEST_CASE("texts packed ahead (the parse threads) are stored exactly as texts packed by the writer") {
  std::vector<Story> stories;
  for (int i = 0; i < 5; ++i) {
    Story s = make_story("g" + std::to_string(i), "Title " + std::to_string(i),
                         i % 2 ? long_text("s" + std::to_string(i)) : "tiny");
    s.content = i == 3 ? std::string() : long_text("c" + std::to_string(i));
    stories.push_back(s);
  }
  const auto packed = hw::storage::pack_story_texts(stories);
  const std::vector<hw::storage::PackedStoryTexts> wrong_size(2);
  const auto rows = [&](const std::vector<hw::storage::PackedStoryTexts>* p) {
    Fixture f;
    f.store.stories().upsert_stories(f.feed, stories, t0, p);
    auto st = f.store.database().prepare(
        "SELECT group_concat(hex(summary_z) || ':' || summary_size || ':' || typeof(summary_z) "
        "|| ':' || hex(content_z) || ':' || content_size, ',') FROM "
        "(SELECT * FROM story_revisions ORDER BY id)");
    REQUIRE(st.step());
    return st.column_text(0);
  };
  const std::string here = rows(nullptr);
  CHECK(rows(&packed) == here);
  CHECK(rows(&wrong_size) == here);  // not this list's: packed by the writer instead
}
