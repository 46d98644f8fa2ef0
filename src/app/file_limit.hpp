#pragma once

#include <cstdint>

namespace admit {

struct FileLimit {
  std::uint64_t before = 0;
  std::uint64_t after = 0;
};

// Raises the soft limit on open files to the hard limit. Every connection is a descriptor, and
// the common soft default of 1,024 would refuse a busy event's clients long before memory or CPU
// run out (systemd and Docker set a high hard limit but often leave the soft one low).
FileLimit raise_open_file_limit();

}  // namespace admit
