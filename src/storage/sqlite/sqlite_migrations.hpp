#pragma once

#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

// Marks a database file as admit's (PRAGMA application_id), so that a foreign SQLite file is
// refused instead of being written into.
inline constexpr int kAdmitApplicationId = 0x61646d74;  // "admt"

// The schema version this binary writes.
int latest_schema_version();

// The version the file is at (0 for a new file). Throws SqliteError for a file that is not an
// admit database or that a newer admit has written.
int schema_version(SqliteConnection& db);

// Applies every numbered migration the file has not seen, each in its own transaction.
// Returns how many were applied.
int migrate(SqliteConnection& db);

}  // namespace admit
