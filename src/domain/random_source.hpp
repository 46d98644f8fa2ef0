#pragma once

#include <cstdint>

namespace admit {

// Randomness is injected like time, so that tests can make ids and QR codes predictable.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual std::uint64_t next_u64() = 0;
};

}  // namespace admit
