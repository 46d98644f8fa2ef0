#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "domain/timing_settings.hpp"

namespace admit {

// Every setting in one place: defaults, then ADMIT_* environment, then command-line flags
// (CLI11 applies the last two). Checked by validate() before anything starts.
struct Config {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3000;
  std::filesystem::path data_dir = "data";
  int threads = 0;  // 0: one per core but one
  std::string log_level = "info";
  bool dev_reset = false;   // exposes POST /api/v1/_dev/reset
  bool test_hooks = false;  // exposes the clock and scheduler hooks the integration tests use
  bool seed_demo = false;   // seeds the demo event when the store is empty
  std::string port_file;    // written with the bound port once listening
  TimingSettings timing;    // the initial timing settings of a new store

  std::filesystem::path database_file() const { return data_dir / "admit.db"; }
};

// Returns an empty string when the configuration is usable, else what is wrong with which setting.
std::string validate(const Config& config);

}  // namespace admit
