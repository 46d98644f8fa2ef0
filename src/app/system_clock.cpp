#include "app/system_clock.hpp"

namespace admit {

TimePoint SystemClock::now() const {
  auto pinned = pinned_ms_.load(std::memory_order_relaxed);
  if (pinned != kNotPinned) return from_unix_ms(pinned);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

void SystemClock::pin(std::optional<TimePoint> instant) {
  pinned_ms_.store(instant ? to_unix_ms(*instant) : kNotPinned, std::memory_order_relaxed);
}

}  // namespace admit
