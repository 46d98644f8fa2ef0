#pragma once

#include <optional>
#include <string_view>

#include "app/config.hpp"
#include "app/data_dir_lock.hpp"

namespace admit {

// The subcommands of the admit binary; each returns the process exit code.
int run_serve(const Config& config);
int run_demo(const Config& config, bool force);
int run_migrate(const Config& config);

// Creates the data directory if needed; logs why not and returns false when it cannot.
bool prepare_data_dir(const Config& config);

// Takes the data directory's lock for a command that must have the store to itself (serve, migrate,
// restore). Otherwise logs who holds it, with `advice` for the operator, sets `exit_code` and
// returns nullopt.
std::optional<DataDirLock> lock_data_dir(const Config& config, std::string_view command, std::string_view advice,
                                         int& exit_code);

// Exit codes, so that scripts can tell a bad setting from a bad data file.
inline constexpr int kExitOk = 0;
inline constexpr int kExitConfig = 2;
inline constexpr int kExitData = 3;
inline constexpr int kExitFailure = 1;
// Another admit process holds the data directory (a second server, a restore under a server).
inline constexpr int kExitInUse = 4;

}  // namespace admit
