#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "app/config.hpp"

namespace admit {

struct ImportCommand {
  std::filesystem::path file;
  std::optional<std::string> session_id;  // also register everyone for this session (B3)
  bool dry_run = false;
};

// `admit import participants FILE [--session ID] [--dry-run]`: the import of
// POST /api/v1/bulk/upload/participants run against the data directory, with a progress bar on
// a terminal and a summary on stdout. Rejected rows do not change the exit code; an unreadable
// file or an unknown session does.
int run_import_participants(const Config& config, const ImportCommand& command);

}  // namespace admit
