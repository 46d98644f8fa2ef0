#pragma once

#include <cstdint>
#include <filesystem>

namespace admit {

struct DiskSpace {
  std::uint64_t capacity_bytes = 0;
  std::uint64_t free_bytes = 0;  // available to this (unprivileged) process
};

// The filesystem holding `path` (statvfs); zeros when it cannot be read.
DiskSpace disk_space(const std::filesystem::path& path);

}  // namespace admit
