#pragma once

#include "domain/random_source.hpp"

namespace admit {

// libsodium's CSPRNG: thread-safe and unpredictable, fit for ids, ticket codes and tokens.
class SodiumRandom : public RandomSource {
 public:
  SodiumRandom();
  std::uint64_t next_u64() override;
};

}  // namespace admit
