#pragma once

#include <atomic>
#include <optional>

#include "domain/clock.hpp"

namespace admit {

// Wall-clock time, optionally pinned to an instant by the test hooks so that integration tests
// can move time without sleeping.
class SystemClock : public Clock {
 public:
  TimePoint now() const override;
  void pin(std::optional<TimePoint> instant);

 private:
  std::atomic<std::int64_t> pinned_ms_{kNotPinned};
  static constexpr std::int64_t kNotPinned = INT64_MIN;
};

}  // namespace admit
