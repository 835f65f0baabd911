// The full-text tokenizer (storage/fts_tokenizer.cpp) against SQLite's own unicode61, which it
// stands in front of: the same tokens (text and byte range) for random texts, ASCII and not,
// and the same index bytes for the same documents.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "storage/fts_tokenizer.h"

namespace {

struct Close {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, Close>;

Db open_memory() {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(":memory:", &raw) == SQLITE_OK);
  return Db(raw);
}

fts5_api* fts5(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK);
  sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  REQUIRE(api != nullptr);
  return api;
}

using Token = std::tuple<std::string, int, int, int>;  // text, begin, end, flags

struct Collected {
  std::vector<Token> tokens;
  std::size_t stop_after = 0;  // answer SQLITE_DONE to this token (0: never)
};

int collect(void* ctx, int flags, const char* token, int size, int begin, int end) {
  auto* c = static_cast<Collected*>(ctx);
  c->tokens.emplace_back(std::string(token, static_cast<std::size_t>(size)), begin, end, flags);
  return c->tokens.size() == c->stop_after ? SQLITE_DONE : SQLITE_OK;
}

// One instance of the tokenizer `name` finds on `db` with `args`.
class Instance {
 public:
  Instance(sqlite3* db, const std::vector<const char*>& args) {
    fts5_api* api = fts5(db);
    void* user = nullptr;
    REQUIRE(api->xFindTokenizer(api, "unicode61", &user, &m_api) == SQLITE_OK);
    REQUIRE(m_api.xCreate(user, const_cast<const char**>(args.data()),
                          static_cast<int>(args.size()), &m_tok) == SQLITE_OK);
  }
  ~Instance() { m_api.xDelete(m_tok); }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  std::pair<int, std::vector<Token>> tokens(const std::string& text, std::size_t stop_after = 0) {
    Collected c;
    c.stop_after = stop_after;
    const int rc = m_api.xTokenize(m_tok, &c, FTS5_TOKENIZE_DOCUMENT, text.data(),
                                   static_cast<int>(text.size()), collect);
    return {rc, c.tokens};
  }

 private:
  fts5_tokenizer m_api{};
  Fts5Tokenizer* m_tok = nullptr;
};

// Random texts: every ASCII byte, words, digits with points, accented letters (composed and
// not), a curly apostrophe, upper-case non-ASCII, invalid UTF-8; long runs across 64 bytes.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "Yemen",
      "HACKED",
      "state",
      "Department",
      " ",
      " ",
      ".",
      "8.2",
      "x",
      "-",
      "al-Qaeda's",
      "\n",
      "\t",
      "CAF\xc3\x89",
      "cafe\xcc\x81",
      "\xe2\x80\x99",
      "\xc3\x9f",
      "\xff",
      "\xc3",
      "____",
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"};
  std::uniform_int_distribution<int> count(0, 40);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
  std::uniform_int_distribution<int> byte(1, 127);
  std::uniform_int_distribution<int> kind(0, 9);
  const bool ascii_only = kind(rng) < 7;
  std::string out;
  for (int n = count(rng); n > 0; --n) {
    if (kind(rng) < 3) {
      out += static_cast<char>(byte(rng));
    } else {
      out += pieces[piece(rng)];
    }
  }
  if (ascii_only) {
    std::erase_if(out, [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  }
  return out;
}

}  // namespace

TEST_CASE("the tokenizer gives SQLite's unicode61 tokens") {
  Db db = open_memory();
  const std::vector<const char*> args = {"remove_diacritics", "2"};
  Instance builtin(db.get(), args);
  hw::storage::register_fts_tokenizer(db.get());
  Instance ours(db.get(), args);
  std::mt19937 rng(20261202);
  std::size_t tokens = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string text = random_text(rng);
    INFO("text '" << text << "'");
    const auto expected = builtin.tokens(text);
    REQUIRE(ours.tokens(text) == expected);
    tokens += expected.second.size();
    // A callback that stops the tokenizer stops it at the same token, with the same result.
    if (expected.second.size() > 2) {
      REQUIRE(ours.tokens(text, 2) == builtin.tokens(text, 2));
    }
  }
  CHECK(tokens > 100000);
  CHECK(ours.tokens("").second.empty());
}

TEST_CASE("the tokenizer keeps unicode61's own token characters and separators") {
  Db db = open_memory();
  for (const std::vector<const char*>& args :
       {std::vector<const char*>{"tokenchars", ".-"}, std::vector<const char*>{"separators", "x"},
        std::vector<const char*>{"remove_diacritics", "0", "categories", "L*"},
        std::vector<const char*>{}}) {
    Db plain = open_memory();
    Instance builtin(plain.get(), args);
    Db with = open_memory();
    hw::storage::register_fts_tokenizer(with.get());
    Instance ours(with.get(), args);
    for (const std::string text : {"al-Qaeda 8.2 x-ray Yemen", "Caf\xc3\xa9 no.1 -- 42x42"}) {
      CHECK(ours.tokens(text) == builtin.tokens(text));
    }
  }
}

TEST_CASE("an index written through the tokenizer is the one SQLite's unicode61 writes") {
  Db plain = open_memory();
  Db with = open_memory();
  hw::storage::register_fts_tokenizer(with.get());
  const char* const schema =
      "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')";
  for (sqlite3* db : {plain.get(), with.get()}) {
    REQUIRE(sqlite3_exec(db, schema, nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  std::mt19937 rng(7);
  for (sqlite3* db : {plain.get(), with.get()}) {
    std::mt19937 docs = rng;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO t (title, body) VALUES (?1, ?2)", -1, &st,
                               nullptr) == SQLITE_OK);
    for (int i = 0; i < 500; ++i) {
      const std::string title = random_text(docs);
      const std::string body = random_text(docs) + random_text(docs);
      sqlite3_bind_text(st, 1, title.data(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
      REQUIRE(sqlite3_step(st) == SQLITE_DONE);
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
  }
  const auto rows = [](sqlite3* db, const char* sql) {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
        row.append(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
        row += '|';
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    return out;
  };
  for (const char* sql :
       {"SELECT id, block FROM t_data ORDER BY id", "SELECT * FROM t_idx ORDER BY segid, term",
        "SELECT rowid FROM t WHERE t MATCH '\"state department\"' ORDER BY rowid",
        "SELECT rowid FROM t WHERE t MATCH 'cafe OR yem*' ORDER BY rowid"}) {
    INFO(sql);
    CHECK(rows(with.get(), sql) == rows(plain.get(), sql));
  }
  CHECK_FALSE(rows(plain.get(), "SELECT rowid FROM t WHERE t MATCH 'yemen'").empty());
}
