#include "storage/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

namespace admit {
namespace {

StorageError::Kind kind_of(int code) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return StorageError::Kind::kConflict;
    case SQLITE_FULL:
      return StorageError::Kind::kDiskFull;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return StorageError::Kind::kReadOnly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_MISMATCH:
      return StorageError::Kind::kCorrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageError::Kind::kBusy;
    default:
      return StorageError::Kind::kOther;
  }
}

}  // namespace

SqliteError::SqliteError(int code, const std::string& message) : StorageError(kind_of(code), message), code_(code) {}

}  // namespace admit
