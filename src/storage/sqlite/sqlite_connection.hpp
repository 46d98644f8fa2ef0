#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sqlite/sqlite_query.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace admit {

// One SQLite connection with a cache of prepared statements. Not thread-safe: each connection is
// owned by exactly one storage thread.
class SqliteConnection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  SqliteConnection(const std::filesystem::path& file, Mode mode);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  void exec(std::string_view sql);
  SqliteQuery query(const std::string& sql);
  sqlite3* handle() { return db_; }
  bool in_transaction() const;
  std::int64_t changes() const;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace admit
