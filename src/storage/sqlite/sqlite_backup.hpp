#pragma once

#include <cstdint>
#include <filesystem>

namespace admit {

struct BackupCopy {
  std::uintmax_t bytes = 0;
  int pages = 0;
};

// Copies the admit database `source` to `target` while a server may keep writing to it: SQLite's
// online backup from a connection of its own, in one step, so the copy is one read snapshot (in
// WAL mode the snapshot does not hold up the writer). The copy is written to a temporary file
// beside `target`, switched out of WAL so that it is a single self-contained file, checked with
// PRAGMA integrity_check, synced, and only then renamed over `target`: a failed or interrupted
// backup never leaves a half-written file under the final name.
// Throws StorageError (a foreign or damaged source, a full disk) or std::runtime_error.
BackupCopy backup_database(const std::filesystem::path& source, const std::filesystem::path& target);

// Flushes a directory entry (after a rename or unlink) to disk; best effort.
void sync_directory(const std::filesystem::path& dir);

}  // namespace admit
