#pragma once

#include <atomic>
#include <cstdint>

namespace admit {

// What the periodic backup has done so far, read by metrics and health without locking.
// admit_backup_last_success_timestamp_seconds is last_success_unix_seconds (0: never).
struct BackupStatus {
  std::atomic<std::int64_t> last_success_unix_seconds{0};
  std::atomic<std::int64_t> last_failure_unix_seconds{0};
  std::atomic<std::uint64_t> successes{0};
  std::atomic<std::uint64_t> failures{0};
  std::atomic<std::uint64_t> last_bytes{0};
  std::atomic<double> last_duration_seconds{0};
};

}  // namespace admit
