#pragma once

#include <filesystem>
#include <string>

#include "app/config.hpp"

namespace admit {

// `admit export <report> --format xlsx|csv [--session ID] [--output FILE]`: the same files as the
// report and export downloads, read straight from the data directory (no server needed).
struct ExportOptions {
  std::string report;            // attendance, session-report, sessions-sheets, session
  std::string format = "xlsx";   // xlsx or csv
  std::string session_id;        // required by session-report and session; filters attendance
  std::filesystem::path output;  // default: the download's file name in the current directory
};

int run_export(const Config& config, const ExportOptions& options);

}  // namespace admit
