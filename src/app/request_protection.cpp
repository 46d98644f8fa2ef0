#include "app/request_protection.hpp"

#include <spdlog/spdlog.h>

#include "api/rate_limit_rules.hpp"

namespace admit {
namespace {

std::vector<IpNetwork> trusted_networks(const Config& config) {
  std::string problem;
  return parse_ip_networks(config.trusted_proxies, problem).value_or(std::vector<IpNetwork>{});
}

CorsPolicy cors_policy(const Config& config) {
  std::string problem;
  return CorsPolicy::parse(config.cors_origins, problem).value_or(CorsPolicy{});
}

}  // namespace

RequestProtection::RequestProtection(const Config& config, const Router& router, Database& db, const Clock& clock)
    : clients_(trusted_networks(config)), idempotency_(db, clock), cors_(cors_policy(config)), security_(config.hsts) {
  if (config.rate_limit) {
    std::vector<RateLimitTier> tiers;
    tiers.push_back(*parse_rate_limit_tier("short", config.rate_limit_short));
    tiers.push_back(*parse_rate_limit_tier("long", config.rate_limit_long));
    limiter_ = std::make_unique<RateLimiter>(clock, std::move(tiers));
    apply_rate_limit_rules(router, *limiter_);
    spdlog::info("rate limits per route and client: short {}, long {}", config.rate_limit_short,
                 config.rate_limit_long);
  } else {
    spdlog::warn("--rate-limit off: no request rate limits");
  }
  if (!clients_.has_trusted_proxies() && !config.trusted_proxies.empty()) {
    spdlog::warn("--trusted-proxy: no usable network in '{}'", config.trusted_proxies);
  }
}

RequestGuards RequestProtection::guards() {
  RequestGuards g;
  g.clients = &clients_;
  g.rate_limiter = limiter_.get();
  g.idempotency = &idempotency_;
  g.cors = &cors_;
  g.security = security_;
  return g;
}

}  // namespace admit
