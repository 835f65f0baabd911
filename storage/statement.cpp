#include "storage/statement.h"

#include <sqlite3.h>

#include <limits>

namespace hw::storage {

std::string database_label(sqlite3* db) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  return std::string("database ") + (file && *file ? file : ":memory:");
}

std::string sql_label(std::string_view sql) {
  // Collapse whitespace so multi-line SQL fits in one log line; long statements are cut,
  // enough remains to find the statement in the source.
  constexpr std::size_t kMax = 160;
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
    if (out.size() >= kMax) {
      out += "…";
      break;
    }
  }
  return out;
}

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const noexcept {
  sqlite3_finalize(stmt);
}

Statement::Statement(sqlite3* db, std::string_view sql, bool persistent) : m_db(db), m_sql(sql) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    fail("prepare");
  }
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &raw, &tail);
  m_stmt.reset(raw);
  if (rc != SQLITE_OK) {
    fail("prepare");
  }
  if (!raw) {
    throw StorageError(database_label(db) + ": prepare `" + sql_label(sql) + "`: no statement");
  }
  // A second statement after the first would be silently ignored by SQLite; refuse it so a
  // typo cannot drop half of what we meant to run.
  for (const char* p = tail; p && p < sql.data() + sql.size(); ++p) {
    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
      throw StorageError(database_label(db) + ": prepare `" + sql_label(sql) +
                         "`: more than one statement");
    }
  }
}

void Statement::fail(std::string_view what) const {
  const std::string reason = sqlite3_errmsg(m_db);
  throw StorageError(database_label(m_db) + ": " + std::string(what) + " `" + sql_label(m_sql) +
                         "`: " + reason,
                     sqlite3_extended_errcode(m_db), reason);
}

void Statement::check_bind(int rc, int index) const {
  if (rc != SQLITE_OK) {
    fail("bind parameter " + std::to_string(index) + " of");
  }
}

int Statement::parameter_index(std::string_view name) const {
  const std::string n(name);
  const int index = sqlite3_bind_parameter_index(m_stmt.get(), n.c_str());
  if (index == 0) {
    throw StorageError(database_label(m_db) + ": no parameter " + n + " in `" + sql_label(m_sql) +
                       "`");
  }
  return index;
}

Statement& Statement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(m_stmt.get(), index, value), index);
  return *this;
}

Statement& Statement::bind(int index, int value) {
  return bind(index, static_cast<std::int64_t>(value));
}

Statement& Statement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(m_stmt.get(), index, value), index);
  return *this;
}

Statement& Statement::bind(int index, bool value) {
  return bind(index, value ? 1 : 0);
}

Statement& Statement::bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so callers may pass temporaries.
  check_bind(sqlite3_bind_text64(m_stmt.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  check_bind(sqlite3_bind_blob64(m_stmt.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
             index);
  return *this;
}

Statement& Statement::bind(int index, TimePoint value) {
  return bind(index, format_utc(value));
}

Statement& Statement::bind(int index, std::nullopt_t) {
  check_bind(sqlite3_bind_null(m_stmt.get(), index), index);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt.get());
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  fail("run");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() noexcept {
  sqlite3_reset(m_stmt.get());
}

void Statement::clear_bindings() noexcept {
  sqlite3_clear_bindings(m_stmt.get());
}

bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(m_stmt.get(), col) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int col) const {
  return sqlite3_column_int64(m_stmt.get(), col);
}

int Statement::column_int(int col) const {
  return sqlite3_column_int(m_stmt.get(), col);
}

double Statement::column_double(int col) const {
  return sqlite3_column_double(m_stmt.get(), col);
}

std::string Statement::column_text(int col) const {
  const auto* text = sqlite3_column_text(m_stmt.get(), col);
  if (!text) {
    return {};
  }
  const int size = sqlite3_column_bytes(m_stmt.get(), col);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

TimePoint Statement::column_time(int col) const {
  const std::string text = column_text(col);
  if (auto t = parse_utc(text)) {
    return *t;
  }
  const char* name = sqlite3_column_name(m_stmt.get(), col);
  throw StorageError(database_label(m_db) + ": column " + (name ? name : "?") + " of `" +
                     sql_label(m_sql) + "`: '" + text + "' is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
}

std::optional<std::int64_t> Statement::optional_int64(int col) const {
  if (column_is_null(col)) {
    return std::nullopt;
  }
  return column_int64(col);
}

std::optional<std::string> Statement::optional_text(int col) const {
  if (column_is_null(col)) {
    return std::nullopt;
  }
  return column_text(col);
}

std::optional<TimePoint> Statement::optional_time(int col) const {
  if (column_is_null(col)) {
    return std::nullopt;
  }
  return column_time(col);
}

Statement::Lease::Lease(Statement& statement) : m_statement(&statement) {
  if (statement.m_leased) {
    throw StorageError(database_label(statement.m_db) + ": statement `" +
                       sql_label(statement.m_sql) +
                       "` is already in use (nested use of one query)");
  }
  statement.m_leased = true;
}

Statement::Lease::~Lease() {
  m_statement->reset();
  m_statement->clear_bindings();
  m_statement->m_leased = false;
}

}  // namespace hw::storage
