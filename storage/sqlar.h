#pragma once
// The sqlar compression format (SQLite's archive format, which the sqlite3 shell reads with its
// built-in sqlar_uncompress): a value is a zlib stream (what zlib's `compress2` makes; written
// here with ISA-L's igzip and read with libdeflate, which are faster, see sqlar.cpp), or the bytes as they are when
// compressing would not shrink them, and its original size is kept in a column beside it. So
// `size == length(data)` (or 0) means "stored as is". story_revisions keeps its summary and
// content this way (schema v9, docs/schema.md), and every connection hypewatch opens has the
// two SQL functions below, so the views decompress for hypewatch and the shell alike.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/error.h"

struct sqlite3;

namespace hw::storage {

// igzip's level 0, its fastest: each text is compressed once, on a cold poll's busiest thread;
// it keeps ~0.37 of the bench corpus's size (libdeflate's level 1: ~0.30 in 2.5x the time).
inline constexpr int kSqlarLevel = 0;

// The compressed bytes, or nullopt when they would not be smaller than `data` (then the data
// is stored as is).
std::optional<std::string> sqlar_compress(std::string_view data);

// The original bytes of a stored value whose original size is `size`. An error names what is
// wrong: a value that is not zlib data or does not inflate to `size` bytes.
Expected<std::string> sqlar_uncompress(std::string_view data, std::int64_t size);

// Registers on `db` the deterministic SQL functions
//   sqlar_compress(X)        -> X compressed as a BLOB, or X itself when that would not shrink
//                               it (text and blobs are compressed; the shell's own compresses
//                               blobs only, which reads back the same);
//   sqlar_uncompress(X, SZ)  -> the shell's function: X itself when SZ <= 0 or SZ equals X's
//                               length in bytes, else X inflated to SZ bytes, as a BLOB.
// Views CAST the result AS TEXT, so they return text in both.
void register_sqlar_functions(sqlite3* db);

}  // namespace hw::storage
