#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

struct sqlite3_stmt;

namespace admit {

// A cached prepared statement in use: bind, step, read columns. Resets itself when it goes out of
// scope so that the cached statement can be reused. Parameters are 1-based, columns 0-based.
class SqliteQuery {
 public:
  explicit SqliteQuery(sqlite3_stmt* stmt) : stmt_(stmt) {}
  SqliteQuery(const SqliteQuery&) = delete;
  SqliteQuery& operator=(const SqliteQuery&) = delete;
  ~SqliteQuery();

  SqliteQuery& bind(int index, std::int64_t value);
  SqliteQuery& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  SqliteQuery& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  SqliteQuery& bind(int index, std::string_view value);
  SqliteQuery& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  SqliteQuery& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  SqliteQuery& bind(int index, TimePoint value) { return bind(index, to_unix_ms(value)); }
  SqliteQuery& bind_null(int index);
  template <class T>
  SqliteQuery& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Binds the arguments to parameters 1..n in order.
  template <class... Args>
  SqliteQuery& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // Advances to the next row; false when there is none.
  bool next();
  // Runs a statement that returns no rows.
  void run();
  // The single integer a COUNT-like query returns.
  std::int64_t scalar();

  bool is_null(int column) const;
  std::int64_t int64_at(int column) const;
  int int_at(int column) const { return static_cast<int>(int64_at(column)); }
  bool bool_at(int column) const { return int64_at(column) != 0; }
  std::string text_at(int column) const;
  TimePoint time_at(int column) const { return from_unix_ms(int64_at(column)); }
  std::optional<std::string> opt_text_at(int column) const;
  std::optional<int> opt_int_at(int column) const;
  std::optional<bool> opt_bool_at(int column) const;
  std::optional<TimePoint> opt_time_at(int column) const;

 private:
  void check(int rc) const;
  sqlite3_stmt* stmt_;
};

}  // namespace admit
