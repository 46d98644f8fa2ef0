#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/clock.hpp"
#include "http/asio.hpp"

namespace admit {

// One window of the limiter: at most `limit` requests per `ttl`; a client that goes over is
// refused for `block`. `name` is the suffix of its headers (X-RateLimit-Limit-short).
struct RateLimitTier {
  std::string name;
  std::chrono::milliseconds ttl{0};
  int limit = 0;
  std::chrono::milliseconds block{0};
};

// The reference's develop branch: `short` 300 per 10 s and `long` 500 per 60 s, blocked for the
// window's length once over.
std::vector<RateLimitTier> default_rate_limit_tiers();

// "300/10s", "300/10" (seconds) or "20/1m": a tier's limit and window. nullopt when malformed.
std::optional<RateLimitTier> parse_rate_limit_tier(std::string name, std::string_view text);

// What a route gets: the default tiers, no limit at all, or tiers of its own.
struct RateLimitRule {
  bool exempt = false;
  std::vector<RateLimitTier> tiers;  // empty: the limiter's defaults
};

struct RateLimitDecision {
  bool allowed = true;
  // X-RateLimit-{Limit,Remaining,Reset}-<tier>; when refused also Retry-After-<tier> and Retry-After.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Per-route, per-client fixed-window counters with a block once a window is exceeded (the
// reference's @nestjs/throttler semantics). Time comes from the injected Clock, so tests move it.
// Buckets live in mutex-protected shards; idle ones are swept, and their number is capped, so
// memory stays bounded whatever addresses arrive.
class RateLimiter {
 public:
  RateLimiter(const Clock& clock, std::vector<RateLimitTier> defaults, std::size_t max_buckets = 200000);

  // Start-up only (not thread-safe): the rule of one route, by method and pattern.
  void set_rule(bhttp::verb method, const std::string& pattern, RateLimitRule rule);
  const RateLimitRule* rule(bhttp::verb method, const std::string& pattern) const;

  // Counts one request of `client` (an address, optionally qualified by who they are) to the route
  // and says whether it may go on.
  RateLimitDecision check(bhttp::verb method, const std::string& pattern, std::string_view client);

  std::size_t bucket_count() const;

 private:
  struct TierState {
    std::int64_t expires_ms = 0;
    std::int64_t blocked_until_ms = 0;
    int hits = 0;
  };
  struct Bucket {
    std::vector<TierState> tiers;
    std::int64_t idle_after_ms = 0;  // when every window and block of the bucket has run out
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
    std::int64_t next_sweep_ms = 0;
  };
  static constexpr std::size_t kShards = 16;

  void sweep(Shard& shard, std::int64_t now_ms);

  const Clock& clock_;
  std::vector<RateLimitTier> defaults_;
  std::size_t max_buckets_per_shard_;
  std::map<std::string, RateLimitRule, std::less<>> rules_;
  std::array<Shard, kShards> shards_;
};

}  // namespace admit
