#pragma once

#include "http/rate_limiter.hpp"
#include "http/router.hpp"

namespace admit {

// The routes whose rate limit differs from the defaults (the table is in rate_limit_rules.cpp).
// Call once every route is added, before serving.
void apply_rate_limit_rules(const Router& router, RateLimiter& limiter);

}  // namespace admit
