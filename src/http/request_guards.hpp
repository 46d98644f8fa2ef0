#pragma once

#include "http/client_address.hpp"
#include "http/cors_policy.hpp"
#include "http/idempotency_store.hpp"
#include "http/rate_limiter.hpp"
#include "http/security_headers.hpp"

namespace admit {

// The pipeline's protective steps (none owned; null: the step is off, as in a bare test pipeline):
// the client address behind trusted proxies, the rate limit (step 4), Idempotency-Key (step 7),
// CORS (steps 2 and 9) and the security headers every response carries (step 9).
struct RequestGuards {
  const ClientAddressResolver* clients = nullptr;
  RateLimiter* rate_limiter = nullptr;
  IdempotencyStore* idempotency = nullptr;
  const CorsPolicy* cors = nullptr;
  SecurityHeaders security;
};

}  // namespace admit
