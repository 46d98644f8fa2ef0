#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/backup_status.hpp"

namespace admit {

struct PeriodicBackupOptions {
  std::filesystem::path database;  // the live data file
  std::filesystem::path directory;
  std::chrono::minutes interval{0};
  int keep = 24;
};

// Backs the live database up into `directory` at start and then every `interval`, as
// admit-YYYYMMDDTHHMMSSZ.db (UTC, so that names sort by age), and deletes the oldest such files
// beyond `keep`. Runs on a thread of its own with its own read connection: the server's writer and
// I/O threads never wait for it. Files in the directory with other names are left alone.
class PeriodicBackup {
 public:
  PeriodicBackup(PeriodicBackupOptions options, BackupStatus& status);
  PeriodicBackup(const PeriodicBackup&) = delete;
  PeriodicBackup& operator=(const PeriodicBackup&) = delete;
  ~PeriodicBackup();

  void start();
  void stop();
  // One backup now (also what the timer runs); returns the file written, or empty on failure.
  std::filesystem::path run_once();

  // The backups in `directory`, oldest first.
  static std::vector<std::filesystem::path> list(const std::filesystem::path& directory);
  static std::string file_name_at(std::chrono::system_clock::time_point t);

 private:
  void loop();
  void prune();

  PeriodicBackupOptions options_;
  BackupStatus& status_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace admit
