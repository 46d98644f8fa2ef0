#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace admit::test {

// Whether the server exposes POST /api/v1/_dev/reset (--dev-reset).
enum class DevReset { kEnabled, kDisabled };

// The real admit binary, started on port 0 with a temporary data directory, the development
// reset (unless disabled) and the test hooks (pinned clock, on-demand scheduler pass). Access
// control is off unless `extra_args` say "--auth on", rate limits unless "--rate-limit on"; the
// child inherits this process's environment (ADMIT_ADMIN_TOKEN).
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> extra_args = {}, DevReset dev_reset = DevReset::kEnabled);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  pid_t pid() const { return pid_; }

  // SIGTERM and wait; returns the exit status.
  int stop();
  // SIGKILL and wait: a crash.
  void kill_hard();
  // Starts again on the same data directory (on a new port).
  void start();

 private:
  std::filesystem::path data_dir_;
  std::filesystem::path port_file_;
  std::vector<std::string> extra_args_;
  DevReset dev_reset_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace admit::test
