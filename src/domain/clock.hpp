#pragma once

#include "domain/time.hpp"

namespace admit {

// The only way domain code learns the time, so that tests decide what "now" is.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

}  // namespace admit
