#pragma once
// One prepared SQLite statement, owned. Values are only ever bound, never formatted into SQL.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/storage_error.h"
#include "util/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace hw::storage {

class Statement {
 public:
  // Prepares `sql` (exactly one statement) on `db`. `persistent` hints SQLite that the
  // statement is kept for the connection's lifetime (the Database cache).
  Statement(sqlite3* db, std::string_view sql, bool persistent = false);
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  ~Statement() = default;

  // Binding; `index` is 1-based as in SQLite. TimePoints are bound as 'YYYY-MM-DDTHH:MM:SSZ'
  // text so the file stays readable with the sqlite3 shell; nullopt binds NULL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value);
  Statement& bind(int index, double value);
  Statement& bind(int index, bool value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, TimePoint value);
  // Bytes that are not text (compressed story texts, storage/sqlar.h), bound as a BLOB.
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind(int index, std::nullopt_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  // Binds a named parameter (":name", "@name" or "$name" as written in the SQL).
  template <typename T>
  Statement& bind(std::string_view name, const T& value) {
    return bind(parameter_index(name), value);
  }

  // Runs one step: true when a row is ready to be read, false when the statement is done.
  bool step();
  // Steps to completion, for statements that return no rows we care about.
  void run();
  // Makes the statement ready to run again; bindings are kept until clear_bindings().
  void reset() noexcept;
  void clear_bindings() noexcept;

  // Column getters for the current row; `col` is 0-based as in SQLite. Text columns holding
  // NULL read as empty; use the optional_* forms where NULL means something.
  bool column_is_null(int col) const;
  std::int64_t column_int64(int col) const;
  int column_int(int col) const;
  double column_double(int col) const;
  bool column_bool(int col) const { return column_int64(col) != 0; }
  std::string column_text(int col) const;
  // Throws when the text is not a time written by format_utc: a hand-edited row must not be
  // silently read as the epoch.
  TimePoint column_time(int col) const;
  std::optional<std::int64_t> optional_int64(int col) const;
  std::optional<std::string> optional_text(int col) const;
  std::optional<TimePoint> optional_time(int col) const;

  const std::string& sql() const { return m_sql; }

  // Borrowed use of a cached statement (Database::cached). Resets and unbinds on destruction
  // so that no implicit read transaction outlives the borrower (it would pin the WAL), and
  // refuses a second borrower while the first is still stepping.
  class Lease {
   public:
    explicit Lease(Statement& statement);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Statement* operator->() const { return m_statement; }
    Statement& operator*() const { return *m_statement; }

   private:
    Statement* m_statement;
  };

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept;
  };

  int parameter_index(std::string_view name) const;
  void check_bind(int rc, int index) const;
  [[noreturn]] void fail(std::string_view what) const;

  sqlite3* m_db = nullptr;
  std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
  std::string m_sql;
  bool m_leased = false;
};

// "database PATH: " for messages; PATH is SQLite's own idea of the main file.
std::string database_label(sqlite3* db);
// The SQL text shortened to one line for error messages.
std::string sql_label(std::string_view sql);

}  // namespace hw::storage
