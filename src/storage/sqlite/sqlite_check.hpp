#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace admit {

// What `admit check` found in a data file. `problems` make the file unusable (damaged, foreign,
// written by a newer admit); `warnings` are inconsistencies admit itself never leaves behind,
// worth a look but not a reason to stop the event.
struct DatabaseReport {
  std::filesystem::path file;
  std::uintmax_t bytes = 0;
  std::uintmax_t wal_bytes = 0;
  int application_id = 0;
  int schema_version = 0;
  int latest_schema_version = 0;
  std::string integrity;  // "ok" or SQLite's first messages
  std::int64_t foreign_key_violations = 0;
  std::int64_t sessions = 0;
  std::int64_t participants = 0;
  std::int64_t registrations = 0;
  std::int64_t check_ins = 0;
  std::vector<std::string> problems;
  std::vector<std::string> warnings;

  bool ok() const { return problems.empty(); }
};

// Reads the file through a read-only connection (safe while a server is running on it): header
// and application id, schema version, PRAGMA integrity_check, PRAGMA foreign_key_check, and
// admit's own invariants (a session's check-in counter equals its check-in rows). Never writes.
DatabaseReport check_database(const std::filesystem::path& file);

}  // namespace admit
