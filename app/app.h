#pragma once
// Wiring shared by the CLI and the daemon: resolve paths, load config and claims, open the
// store. Throws hw::ConfigError / storage::StorageError with the file named.
#include <filesystem>
#include <optional>
#include <string>

#include "app/config.h"
#include "model/claim.h"
#include "storage/store.h"
#include "storage/writer_lock.h"

namespace hw::app {

struct PathOptions {
  std::optional<std::filesystem::path> config;  // --config
  std::optional<std::filesystem::path> db;      // --db
};

// --config, else the default config path.
std::filesystem::path config_path(const PathOptions& o);

// --db, else `database` from the config (when the config exists), else the default.
std::filesystem::path database_path(const PathOptions& o, const Config* config);

// Loads config + claims; validates that every feed and claim is usable.
struct Loaded {
  Config config;
  std::vector<Claim> claims;
};
Loaded load_everything(const std::filesystem::path& config_file);

// The database queries read: --db, else the config's `database`, else the default.
std::filesystem::path query_database_path(const PathOptions& o);

// Opens the database for queries: read-only, must exist.
storage::Store open_for_query(const PathOptions& o);

// The claim with this id; throws ConfigError "unknown claim 'x' (known: a, b)" otherwise.
storage::ClaimRecord require_claim(const storage::Store& store, const std::string& claim_id);

// Opens (creating the directory and file if needed) for writing.
storage::Store open_for_write(const std::filesystem::path& db);

// The one-writer lock of `db` (storage/writer_lock.h), creating the directory if needed. Taken
// by everything that runs poll cycles, evaluations or digest delivery; hold it while the store
// is open. Throws storage::WriterBusy naming the holder's pid.
storage::WriterLock take_writer_lock(const std::filesystem::path& db);

// Tells glibc's malloc to keep freed memory for reuse instead of handing it back to the kernel
// at once: its defaults give blocks of 128 KiB and more (a feed's body, SQLite's buffers) their
// own mappings, unmapped when freed, and trim the heaps, so a cold poll faulted the same memory
// in again for every feed (55,000 page faults, ~0.25 s of system time; 8,500 with these
// settings, peak RSS +2 MiB). Process-wide: call once at the start of main.
void keep_freed_memory();

}  // namespace hw::app
