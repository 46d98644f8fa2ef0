#pragma once

#include <string>

#include "storage/storage_error.hpp"

struct sqlite3;

namespace admit {

// StorageError raised by SQLite; keeps the extended result code for logs and tests.
class SqliteError : public StorageError {
 public:
  SqliteError(int code, const std::string& message);
  // The last error of `db`, with the operating system's errno taken into account: an I/O error
  // caused by ENOSPC is a full disk and EROFS a read-only one, whatever SQLite called them.
  static SqliteError last_of(sqlite3* db, const std::string& context = {});
  int code() const { return code_; }
  int primary_code() const { return code_ & 0xff; }

 private:
  SqliteError(Kind kind, int code, const std::string& message);
  int code_;
};

}  // namespace admit
