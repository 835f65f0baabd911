#include "storage/fts_tokenizer.h"

#include <sqlite3.h>

#include <bit>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage_error.h"
#include "util/ascii_blocks.h"

namespace hw::storage {
namespace {

// SQLite's unicode61, as found before ours was registered; lives as long as the connection.
struct Builtin {
  fts5_tokenizer api{};
  void* user_data = nullptr;
};

struct Tokenizer {
  const Builtin* builtin = nullptr;
  Fts5Tokenizer* inner = nullptr;  // SQLite's unicode61 with the same arguments
  bool ascii_fast = false;         // only remove_diacritics was given: ASCII is the default
  std::string folded;              // scratch: the text lower-cased
  std::vector<std::uint64_t> alnum;
};

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         sqlite3_strnicmp(a.data(), b.data(), static_cast<int>(a.size())) == 0;
}

int create(void* user_data, const char** args, int count, Fts5Tokenizer** out) {
  const auto* builtin = static_cast<const Builtin*>(user_data);
  auto* t = new (std::nothrow) Tokenizer;
  if (t == nullptr) {
    return SQLITE_NOMEM;
  }
  t->builtin = builtin;
  const int rc = builtin->api.xCreate(builtin->user_data, args, count, &t->inner);
  if (rc != SQLITE_OK) {
    delete t;
    return rc;
  }
  // remove_diacritics only changes how letters outside ASCII fold; any other option changes
  // which characters are token characters, so the fast path stays off.
  t->ascii_fast = count % 2 == 0;
  for (int i = 0; i + 1 < count; i += 2) {
    if (!same_word(args[i], "remove_diacritics")) {
      t->ascii_fast = false;
    }
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* p) {
  auto* t = reinterpret_cast<Tokenizer*>(p);
  t->builtin->api.xDelete(t->inner);
  delete t;
}

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

// unicode61 on an ASCII text: each maximal run of A-Z a-z 0-9, lower-cased, with its byte
// range; stops at the first callback result other than SQLITE_OK (SQLITE_DONE then counts as
// success), as unicode61 does. Returns -1 (nothing emitted) when the text is not all ASCII.
int tokenize_ascii(Tokenizer& t, void* ctx, const char* text, int size, TokenCallback token) {
  const auto* p = reinterpret_cast<const unsigned char*>(text);
  const auto n = static_cast<std::size_t>(size);
  const std::size_t blocks = (n + 63) / 64;
  // The scratch buffers only grow: resizing them down and up again for every text (a story's
  // title, summary and content in turn) zero-filled the difference each time, ~1 % of a cold
  // poll's writer. Only the first `blocks` words and `n` bytes are read.
  if (t.alnum.size() < blocks) {
    t.alnum.resize(blocks);
  }
  for (std::size_t b = 0; b < blocks; ++b) {
    const ascii::BlockClasses c = 64 * b + 64 <= n ? ascii::classify64(p + 64 * b)
                                                   : ascii::classify_tail(p + 64 * b, n - 64 * b);
    if (c.high != 0) {
      return -1;
    }
    t.alnum[b] = c.alnum;
  }
  if (t.folded.size() < n) {
    t.folded.resize(n);
  }
  char* folded = t.folded.data();  // a local pointer: the loop is vectorised
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = p[i];
    folded[i] = static_cast<char>(static_cast<unsigned char>(c - 'A') < 26 ? c + ('a' - 'A') : c);
  }
  int rc = SQLITE_OK;
  for (std::size_t b = 0; b < blocks && rc == SQLITE_OK; ++b) {
    const std::uint64_t word = t.alnum[b];
    std::uint64_t starts = word & ~(word << 1 | (b > 0 ? t.alnum[b - 1] >> 63 : 0));
    while (starts != 0 && rc == SQLITE_OK) {
      const unsigned offset = static_cast<unsigned>(std::countr_zero(starts));
      starts &= starts - 1;
      const std::size_t begin = 64 * b + offset;
      // The token ends at the first byte after it of no class (the last block's padding is).
      std::size_t end_block = b;
      std::uint64_t rest = ~word & (~std::uint64_t{0} << offset);
      while (rest == 0 && ++end_block < blocks) {
        rest = ~t.alnum[end_block];
      }
      const std::size_t end = rest == 0 ? n : std::min(n, 64 * end_block + std::countr_zero(rest));
      rc = token(ctx, 0, folded + begin, static_cast<int>(end - begin), static_cast<int>(begin),
                 static_cast<int>(end));
    }
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int tokenize(Fts5Tokenizer* p, void* ctx, int flags, const char* text, int size,
             TokenCallback token) {
  auto* t = reinterpret_cast<Tokenizer*>(p);
  if (t->ascii_fast && size > 0) {
    if (const int rc = tokenize_ascii(*t, ctx, text, size, token); rc != -1) {
      return rc;
    }
  }
  return t->builtin->api.xTokenize(t->inner, ctx, flags, text, size, token);
}

void free_builtin(void* p) {
  delete static_cast<Builtin*>(p);
}

}  // namespace

void register_fts_tokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(raw);
  }
  sqlite3_finalize(raw);
  if (api == nullptr) {
    throw StorageError("SQLite has no FTS5: the full-text index cannot be written");
  }
  auto* builtin = new Builtin;
  if (api->xFindTokenizer(api, "unicode61", &builtin->user_data, &builtin->api) != SQLITE_OK) {
    delete builtin;
    throw StorageError("SQLite's FTS5 has no unicode61 tokenizer");
  }
  fts5_tokenizer ours{create, destroy, tokenize};
  // Once registered, SQLite frees `builtin` with the connection (free_builtin); not if this fails.
  if (const int rc = api->xCreateTokenizer(api, "unicode61", builtin, &ours, free_builtin);
      rc != SQLITE_OK) {
    delete builtin;
    throw StorageError(std::string("register the unicode61 tokenizer: ") + sqlite3_errstr(rc));
  }
}

}  // namespace hw::storage
