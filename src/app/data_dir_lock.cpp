#include "app/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace admit {

std::optional<DataDirLock> DataDirLock::try_acquire(const std::filesystem::path& data_dir, std::string& holder) {
  auto path = file_of(data_dir);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open lock file " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    char text[64] = {};
    auto n = ::pread(fd, text, sizeof text - 1, 0);
    ::close(fd);
    if (error != EWOULDBLOCK) {
      throw std::runtime_error("cannot lock " + path.string() + ": " + std::strerror(error));
    }
    std::string pid = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
      pid.pop_back();
    holder = pid.empty() ? "another admit process" : "admit process " + pid;
    return std::nullopt;
  }
  auto pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
  return DataDirLock(fd);
}

DataDirLock::~DataDirLock() {
  if (fd_ < 0) return;
  // Unlocked by close; the file stays (removing it would race with the next contender's open).
  ::close(fd_);
}

}  // namespace admit
