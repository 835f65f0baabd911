#pragma once
// The full-text index's tokenizer, unicode61 (schema: `tokenize = 'unicode61 remove_diacritics
// 2'`), with a fast path for ASCII text that gives exactly its tokens.
//
// SQLite's unicode61 reads a text a byte at a time (a branch for UTF-8, a table look-up, a fold,
// a copy per byte): ~26 % of the writer thread's instructions on a cold poll (callgrind), where
// the writer is the busier thread. For an ASCII text its tokens are the runs of A-Z a-z 0-9,
// lower-cased, with their byte offsets, whatever its remove_diacritics setting; those are found
// here 64 bytes at a time (util/ascii_blocks.h) and handed to FTS5 as unicode61 hands them. Any
// other text, and any unicode61 configured with token characters, separators or categories of
// its own, goes to SQLite's unicode61 itself. Same tokens, so the same index bytes and the same
// query terms: the sqlite3 shell, which has only SQLite's unicode61, reads and searches the
// index alike (tests/storage/test_fts_tokenizer.cpp compares tokens and index data).
struct sqlite3;

namespace hw::storage {

// Registers the tokenizer on `db` under the name "unicode61", in front of SQLite's own (FTS5
// finds the last registered); before any full-text table is used. Throws StorageError when
// FTS5 or its unicode61 is missing.
void register_fts_tokenizer(sqlite3* db);

}  // namespace hw::storage
