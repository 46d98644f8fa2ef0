#pragma once

#include <memory>
#include <optional>

#include "app/config.hpp"
#include "domain/clock.hpp"
#include "http/request_guards.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace admit {

// Builds and owns the pipeline's protective steps from the configuration: the client address
// resolver (--trusted-proxy), the rate limiter (--rate-limit*, with the per-route table of
// api/rate_limit_rules.cpp), the Idempotency-Key store, the CORS policy (--cors-origin, also used
// by Engine.IO polling) and the security headers (--hsts). Build it once every route is added.
class RequestProtection {
 public:
  // `config` must have passed validate().
  RequestProtection(const Config& config, const Router& router, Database& db, const Clock& clock);

  RequestGuards guards();
  const CorsPolicy& cors() const { return cors_; }

 private:
  ClientAddressResolver clients_;
  std::unique_ptr<RateLimiter> limiter_;  // null: --rate-limit off
  IdempotencyStore idempotency_;
  CorsPolicy cors_;
  SecurityHeaders security_;
};

}  // namespace admit
