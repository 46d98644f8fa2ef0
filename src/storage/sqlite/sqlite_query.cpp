#include "storage/sqlite/sqlite_query.hpp"

#include <sqlite3.h>

#include "storage/sqlite/sqlite_error.hpp"

namespace admit {

SqliteQuery::~SqliteQuery() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteQuery::check(int rc) const {
  if (rc != SQLITE_OK) {
    throw SqliteError::last_of(sqlite3_db_handle(stmt_));
  }
}

SqliteQuery& SqliteQuery::bind(int index, std::int64_t value) {
  check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

SqliteQuery& SqliteQuery::bind(int index, std::string_view value) {
  check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

SqliteQuery& SqliteQuery::bind_null(int index) {
  check(sqlite3_bind_null(stmt_, index));
  return *this;
}

bool SqliteQuery::next() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SqliteError::last_of(sqlite3_db_handle(stmt_));
}

void SqliteQuery::run() {
  while (next()) {
  }
}

std::int64_t SqliteQuery::scalar() {
  if (!next()) return 0;
  return int64_at(0);
}

bool SqliteQuery::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t SqliteQuery::int64_at(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string SqliteQuery::text_at(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::string> SqliteQuery::opt_text_at(int column) const {
  if (is_null(column)) return std::nullopt;
  return text_at(column);
}

std::optional<int> SqliteQuery::opt_int_at(int column) const {
  if (is_null(column)) return std::nullopt;
  return int_at(column);
}

std::optional<bool> SqliteQuery::opt_bool_at(int column) const {
  if (is_null(column)) return std::nullopt;
  return bool_at(column);
}

std::optional<TimePoint> SqliteQuery::opt_time_at(int column) const {
  if (is_null(column)) return std::nullopt;
  return time_at(column);
}

}  // namespace admit
