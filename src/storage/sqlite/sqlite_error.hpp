#pragma once

#include <string>

#include "storage/storage_error.hpp"

namespace admit {

// StorageError raised by SQLite; keeps the extended result code for logs and tests.
class SqliteError : public StorageError {
 public:
  SqliteError(int code, const std::string& message);
  int code() const { return code_; }
  int primary_code() const { return code_ & 0xff; }

 private:
  int code_;
};

}  // namespace admit
