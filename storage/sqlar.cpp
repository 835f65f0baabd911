#include "storage/sqlar.h"

#include <sqlite3.h>
#include <zlib.h>

#include "storage/storage_error.h"

namespace hw::storage {

namespace {

// One deflate state per thread, reset between texts: compress2 sets up and frees ~270 KB of
// state for every call, and a cold poll compresses 50,000 texts. The output is compress2's
// (same level, window and memory level).
class Deflater {
 public:
  Deflater() {
    if (deflateInit(&m_z, kSqlarLevel) != Z_OK) {
      throw StorageError("zlib: deflateInit failed");
    }
  }
  ~Deflater() { deflateEnd(&m_z); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // The compressed bytes, or nullopt when they are not smaller than `data`.
  std::optional<std::string> compress(std::string_view data) {
    deflateReset(&m_z);
    std::string out(deflateBound(&m_z, static_cast<uLong>(data.size())), '\0');
    m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    m_z.avail_in = static_cast<uInt>(data.size());
    m_z.next_out = reinterpret_cast<Bytef*>(out.data());
    m_z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&m_z, Z_FINISH) != Z_STREAM_END || m_z.total_out >= data.size()) {
      return std::nullopt;
    }
    out.resize(m_z.total_out);
    return out;
  }

 private:
  z_stream m_z{};
};

}  // namespace

std::optional<std::string> sqlar_compress(std::string_view data) {
  if (data.empty() || data.size() > 0x7fffffffu) {
    return std::nullopt;  // zlib's smallest stream is 8 bytes; texts are far below 2 GiB
  }
  thread_local Deflater deflater;
  return deflater.compress(data);
}

namespace {

// Inflates `data` into exactly `size` bytes at `out`; "" on success, else why not.
std::string inflate_into(char* out, std::int64_t size, std::string_view data) {
  uLongf out_size = static_cast<uLongf>(size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(out), &out_size,
                            reinterpret_cast<const Bytef*>(data.data()),
                            static_cast<uLong>(data.size()));
  if (rc == Z_OK && out_size == static_cast<uLongf>(size)) {
    return {};
  }
  return "sqlar data of " + std::to_string(data.size()) + " bytes does not inflate to " +
         std::to_string(size) + " bytes (zlib: " + (rc == Z_OK ? "too short" : zError(rc)) + ")";
}

}  // namespace

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
