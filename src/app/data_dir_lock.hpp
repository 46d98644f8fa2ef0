#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace admit {

// An exclusive advisory lock (flock) on <data>/admit.lock, held for as long as this object lives.
// `admit serve` holds it so that a second server cannot open the same store and `admit restore`
// cannot replace the file under a running server. The kernel drops it when the process dies,
// kill -9 included, so there is never a stale lock to clean up. The file records the holder's pid
// for the message the next contender prints.
class DataDirLock {
 public:
  // The lock, or nullopt when another process holds it; `holder` then says who (when known).
  // Throws std::runtime_error when the lock file cannot be created at all.
  static std::optional<DataDirLock> try_acquire(const std::filesystem::path& data_dir, std::string& holder);

  DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataDirLock& operator=(DataDirLock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

  static std::filesystem::path file_of(const std::filesystem::path& data_dir) { return data_dir / "admit.lock"; }

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace admit
