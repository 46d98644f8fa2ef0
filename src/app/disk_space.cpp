#include "app/disk_space.hpp"

#include <sys/statvfs.h>

namespace admit {

DiskSpace disk_space(const std::filesystem::path& path) {
  struct statvfs fs {};
  if (::statvfs(path.c_str(), &fs) != 0) return {};
  return {static_cast<std::uint64_t>(fs.f_blocks) * fs.f_frsize, static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize};
}

}  // namespace admit
