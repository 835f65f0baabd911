#pragma once
// The store's one connection as the aggregates over it (FeedStore, StoryStore, ClaimLedger,
// AlertStore) share it, and the two helpers every one of their queries uses. Store owns the
// Database; a Connection only borrows it, for as long as the Store lives.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/database.h"
#include "storage/statement.h"
#include "storage/storage_error.h"

namespace hw::storage {

enum class OpenMode { read_write, read_only };

// Runs `body`, prefixing any StorageError with what we were doing ("upsert story feed=3 …"), so
// the message reads operation → database → SQL → SQLite's reason.
template <typename F>
auto in_context(const std::string& what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const StorageError& e) {
    throw StorageError(what + ": " + e.what(), e.sqlite_code(), e.sqlite_message());
  }
}

struct Connection {
  Database& db;
  OpenMode mode = OpenMode::read_write;

  // Throws StorageError naming the database when it is open read-only: a reader never writes,
  // even by mistake.
  void require_writable(std::string_view what) const;

  // Every row of `sql`, with `values` bound to ?1, ?2, … in order, each read with `read`.
  template <typename Read>
  auto collect(std::string_view sql, Read read, auto... values) const {
    std::vector<decltype(read(std::declval<const Statement&>()))> out;
    auto st = db.cached(sql);
    int index = 0;
    (st->bind(++index, values), ...);
    while (st->step()) {
      out.push_back(read(*st));
    }
    return out;
  }

  // The first row of `sql` read with `read`, or nothing when there is none.
  template <typename Read>
  auto first(std::string_view sql, Read read, auto... values) const
      -> std::optional<decltype(read(std::declval<const Statement&>()))> {
    auto st = db.cached(sql);
    int index = 0;
    (st->bind(++index, values), ...);
    if (!st->step()) {
      return std::nullopt;
    }
    return read(*st);
  }
};

}  // namespace hw::storage
