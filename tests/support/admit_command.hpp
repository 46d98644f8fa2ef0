#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace admit::test {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the admit binary with `args` to completion (no shell), e.g. {"check", "--data", dir}.
CommandResult run_admit(const std::vector<std::string>& args);

// The whole file, as bytes.
std::string read_file(const std::filesystem::path& file);

}  // namespace admit::test
