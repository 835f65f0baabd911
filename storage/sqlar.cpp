#include "storage/sqlar.h"

#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <sqlite3.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "storage/storage_error.h"

// Written with ISA-L's igzip at its level 0, read with libdeflate; both are zlib streams
// (RFC 1950), so zlib's uncompress, hence the sqlite3 shell's sqlar_uncompress, reads every text
// written here. libdeflate replaced zlib first (issue 10: on the bench corpus's 50,000 texts
// zlib 1.2.13 deflated 109 MB/s to 0.309 and inflated 277 MB/s; libdeflate 1.14 level 1
// 198 MB/s to 0.295 and 672 MB/s), then igzip level 0 its compression: 2.5x as fast as
// libdeflate's fastest level on the same texts (0.41 s against 1.03 s) for 0.368 of their size
// instead of 0.295 (bench/README.md, seventh pass). A cold poll compresses every text once, on
// the parse threads, where deflating was the largest single cost.

namespace hw::storage {
namespace {

struct DecompressorFree {
  void operator()(libdeflate_decompressor* d) const noexcept { libdeflate_free_decompressor(d); }
};

// Per thread: igzip's level buffer (its hash table) and libdeflate's decompressor, each set up
// once rather than for each of a cold poll's 50,000 texts; neither may be shared between
// threads.
std::vector<std::uint8_t>& level_buffer() {
  thread_local std::vector<std::uint8_t> buffer(ISAL_DEF_LVL0_DEFAULT);
  return buffer;
}

libdeflate_decompressor* decompressor() {
  thread_local std::unique_ptr<libdeflate_decompressor, DecompressorFree> d(
      libdeflate_alloc_decompressor());
  if (!d) {
    throw StorageError("libdeflate: cannot allocate a decompressor");
  }
  return d.get();
}

// Inflates the zlib stream `data` into exactly `size` bytes at `out`; "" on success, else why
// not. The stream's Adler-32 is checked.
std::string inflate_into(char* out, std::int64_t size, std::string_view data) {
  const libdeflate_result rc = libdeflate_zlib_decompress(
      decompressor(), data.data(), data.size(), out, static_cast<std::size_t>(size), nullptr);
  if (rc == LIBDEFLATE_SUCCESS) {
    return {};
  }
  const char* why = rc == LIBDEFLATE_SHORT_OUTPUT      ? "too short"
                    : rc == LIBDEFLATE_INSUFFICIENT_SPACE ? "too long"
                                                         : "not zlib data";
  return "sqlar data of " + std::to_string(data.size()) + " bytes does not inflate to " +
         std::to_string(size) + " bytes (" + why + ")";
}

}  // namespace

std::optional<std::string> sqlar_compress(std::string_view data) {
  // A zlib stream is at least 8 bytes; igzip takes 32-bit lengths (SQLite values are < 2 GiB).
  if (data.size() < 2 || data.size() > std::numeric_limits<std::uint32_t>::max()) {
    return std::nullopt;
  }
  // Output only if smaller: in a buffer one byte short of the input igzip reports an overflow
  // when it would not shrink it.
  std::string out(data.size() - 1, '\0');
  std::vector<std::uint8_t>& level = level_buffer();
  isal_zstream z;
  isal_deflate_stateless_init(&z);
  z.level = kSqlarLevel;
  z.level_buf = level.data();
  z.level_buf_size = static_cast<std::uint32_t>(level.size());
  z.gzip_flag = IGZIP_ZLIB;
  z.end_of_stream = 1;
  z.flush = NO_FLUSH;
  // igzip's input pointer is not const; it only reads through it.
  z.next_in = const_cast<std::uint8_t*>(reinterpret_cast<const std::uint8_t*>(data.data()));
  z.avail_in = static_cast<std::uint32_t>(data.size());
  z.next_out = reinterpret_cast<std::uint8_t*>(out.data());
  z.avail_out = static_cast<std::uint32_t>(out.size());
  if (isal_deflate_stateless(&z) != COMP_OK) {
    return std::nullopt;  // STATELESS_OVERFLOW: it would not shrink
  }
  out.resize(z.total_out);
  return out;
}

Expected<std::string> sqlar_uncompress(std::string_view data, std::int64_t size) {
  if (size <= 0 || static_cast<std::uint64_t>(size) == data.size()) {
    return std::string(data);
  }
  std::string out(static_cast<std::size_t>(size), '\0');
  if (std::string why = inflate_into(out.data(), size, data); !why.empty()) {
    return fail(std::move(why));
  }
  return out;
}

namespace {

std::string_view value_bytes(sqlite3_value* v) {
  // blob() rather than text(): no conversion, and the bytes of a TEXT value all the same.
  const auto* p = static_cast<const char*>(sqlite3_value_blob(v));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v)))
           : std::string_view();
}

void compress_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const int type = sqlite3_value_type(argv[0]);
  if (type != SQLITE_TEXT && type != SQLITE_BLOB) {
    sqlite3_result_value(ctx, argv[0]);
    return;
  }
  auto packed = sqlar_compress(value_bytes(argv[0]));
  if (!packed) {
    sqlite3_result_value(ctx, argv[0]);
    return;
  }
  sqlite3_result_blob64(ctx, packed->data(), packed->size(), SQLITE_TRANSIENT);
}

void uncompress_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const sqlite3_int64 size = sqlite3_value_int64(argv[1]);
  const std::string_view data = value_bytes(argv[0]);
  if (size <= 0 || static_cast<std::uint64_t>(size) == data.size()) {
    sqlite3_result_value(ctx, argv[0]);
    return;
  }
  // Inflated straight into SQLite's own buffer, which the result then owns: no copy.
  char* out = static_cast<char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
  if (!out) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (std::string why = inflate_into(out, size, data); !why.empty()) {
    sqlite3_free(out);
    sqlite3_result_error(ctx, why.c_str(), -1);
    return;
  }
  sqlite3_result_blob64(ctx, out, static_cast<sqlite3_uint64>(size), sqlite3_free);
}

}  // namespace

void register_sqlar_functions(sqlite3* db) {
  // Innocuous: the views and the FTS content view call them, which SQLite allows only for
  // innocuous functions when a connection sets trusted_schema off.
  constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function_v2(db, "sqlar_compress", 1, flags, nullptr, compress_function,
                                      nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "sqlar_uncompress", 2, flags, nullptr,
                                    uncompress_function, nullptr, nullptr, nullptr);
  }
  if (rc != SQLITE_OK) {
    throw StorageError(std::string("register the sqlar SQL functions: ") + sqlite3_errmsg(db));
  }
}

}  // namespace hw::storage
