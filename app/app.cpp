#include "app/app.h"

#include <malloc.h>

#include "rules/claims_loader.h"
#include "util/error.h"

namespace hw::app {

namespace fs = std::filesystem;

fs::path config_path(const PathOptions& o) {
  return o.config ? *o.config : default_config_path();
}

fs::path database_path(const PathOptions& o, const Config* config) {
  if (o.db) {
    return *o.db;
  }
  if (config && config->database) {
    return *config->database;
  }
  return default_database_path();
}

Loaded load_everything(const fs::path& config_file) {
  Loaded loaded;
  loaded.config = load_config(config_file);
  loaded.claims = rules::load_claims_file(loaded.config.claims_file);
  return loaded;
}

fs::path query_database_path(const PathOptions& o) {
  std::optional<Config> config;
  if (!o.db) {
    // The config may name the database; a missing default config is fine for queries.
    const fs::path cfg = config_path(o);
    std::error_code ec;
    if (o.config || fs::exists(cfg, ec)) {
      config = load_config(cfg);
    }
  }
  return database_path(o, config ? &*config : nullptr);
}

storage::Store open_for_query(const PathOptions& o) {
  const fs::path db = query_database_path(o);
  std::error_code ec;
  if (!fs::exists(db, ec)) {
    throw NotFound("no database at " + db.string() +
                      " (run `hypewatch poll --once` first, or pass --db FILE)");
  }
  return storage::Store::open(db, storage::OpenMode::read_only);
}

storage::ClaimRecord require_claim(const storage::Store& store, const std::string& claim_id) {
  if (auto claim = store.claims().claim(claim_id)) {
    return *claim;
  }
  std::string known;
  for (const auto& c : store.claims().list_claims()) {
    known += (known.empty() ? "" : ", ") + c.id;
  }
  throw NotFound("unknown claim '" + claim_id + "' (known: " + known + ")");
}

namespace {

void create_parent_directory(const fs::path& db) {
  std::error_code ec;
  if (db.has_parent_path()) {
    fs::create_directories(db.parent_path(), ec);
    if (ec) {
      throw ConfigError("cannot create directory " + db.parent_path().string() +
                        " for the database: " + ec.message());
    }
  }
}

}  // namespace

storage::Store open_for_write(const fs::path& db) {
  create_parent_directory(db);
  return storage::Store::open(db, storage::OpenMode::read_write);
}

storage::WriterLock take_writer_lock(const fs::path& db) {
  create_parent_directory(db);
  return storage::WriterLock(db);
}

void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace hw::app
