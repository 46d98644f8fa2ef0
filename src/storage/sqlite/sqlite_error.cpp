#include "storage/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <cerrno>

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

SqliteError::SqliteError(Kind kind, int code, const std::string& message) : StorageError(kind, message), code_(code) {}

SqliteError SqliteError::last_of(sqlite3* db, const std::string& context) {
  int code = sqlite3_extended_errcode(db);
  std::string message = sqlite3_errmsg(db) + context;
  if ((code & 0xff) == SQLITE_IOERR) {
    int os_error = sqlite3_system_errno(db);
    if (os_error == ENOSPC) return {Kind::kDiskFull, code, message + " (no space left on device)"};
    if (os_error == EROFS) return {Kind::kReadOnly, code, message + " (read-only file system)"};
  }
  return {code, message};
}

}  // namespace admit
