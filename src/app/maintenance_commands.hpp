#pragma once

#include <filesystem>

#include "app/config.hpp"

namespace admit {

// `admit backup FILE`: a consistent copy of the data file, safe while a server is running on it.
// FILE may be a directory (the copy is then named admit-YYYYMMDDTHHMMSSZ.db inside it).
int run_backup(const Config& config, const std::filesystem::path& file, bool force);

// `admit restore FILE`: replaces the data file with a verified backup. Refuses while a server
// holds the data directory; keeps the previous file as admit.db.before-restore-<UTC time>.
int run_restore(const Config& config, const std::filesystem::path& file);

// `admit check [FILE]`: verifies the data file (or FILE, e.g. a backup) without writing to it.
int run_check(const Config& config, const std::filesystem::path& file);

}  // namespace admit
