#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/random_source.hpp"

namespace admit {

// True for exactly 24 hexadecimal digits, the only id form admit accepts (the reference's
// path-id check also let any 12-character string through).
bool is_object_id(std::string_view text);

// MongoDB-style ObjectIds (4-byte seconds, 5 random bytes, 3-byte counter) as 24 lowercase hex
// digits: clients of the reference expect ids of this shape, and they sort by creation time.
class ObjectIdGenerator {
 public:
  ObjectIdGenerator(const Clock& clock, RandomSource& random);

  std::string next();

 private:
  const Clock& clock_;
  std::array<std::uint8_t, 5> process_bytes_{};
  std::atomic<std::uint32_t> counter_;
};

}  // namespace admit
