#include "http/rate_limiter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <functional>

namespace admit {
namespace {

constexpr std::int64_t kSweepEveryMs = 30'000;

std::string rule_key(bhttp::verb method, const std::string& pattern) {
  // HEAD is served by the GET route and counts against it.
  if (method == bhttp::verb::head) method = bhttp::verb::get;
  std::string key(bhttp::to_string(method));
  key += ' ';
  key += pattern;
  return key;
}

// Whole seconds until `until`, rounded up (a client waiting this long is never early).
std::int64_t seconds_until(std::int64_t until_ms, std::int64_t now_ms) {
  return std::max<std::int64_t>(0, (until_ms - now_ms + 999) / 1000);
}

}  // namespace

std::vector<RateLimitTier> default_rate_limit_tiers() {
  using std::chrono::seconds;
  return {{"short", seconds(10), 300, seconds(10)}, {"long", seconds(60), 500, seconds(60)}};
}

std::optional<RateLimitTier> parse_rate_limit_tier(std::string name, std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto limit_text = text.substr(0, slash);
  auto window_text = text.substr(slash + 1);
  int limit = 0;
  auto [limit_end, limit_ec] = std::from_chars(limit_text.data(), limit_text.data() + limit_text.size(), limit);
  if (limit_ec != std::errc{} || limit_end != limit_text.data() + limit_text.size() || limit < 1) return std::nullopt;
  std::int64_t amount = 0;
  auto [end, ec] = std::from_chars(window_text.data(), window_text.data() + window_text.size(), amount);
  if (ec != std::errc{} || end == window_text.data() || amount < 1) return std::nullopt;
  std::string_view unit(end, static_cast<std::size_t>(window_text.data() + window_text.size() - end));
  std::int64_t seconds = 0;
  if (unit.empty() || unit == "s") {
    seconds = amount;
  } else if (unit == "m") {
    seconds = amount * 60;
  } else if (unit == "h") {
    seconds = amount * 3600;
  } else {
    return std::nullopt;
  }
  if (seconds > 86400) return std::nullopt;
  std::chrono::milliseconds window{seconds * 1000};
  return RateLimitTier{std::move(name), window, limit, window};
}

RateLimiter::RateLimiter(const Clock& clock, std::vector<RateLimitTier> defaults, std::size_t max_buckets)
    : clock_(clock),
      defaults_(std::move(defaults)),
      max_buckets_per_shard_(std::max<std::size_t>(1, max_buckets / kShards)) {}

void RateLimiter::set_rule(bhttp::verb method, const std::string& pattern, RateLimitRule rule) {
  rules_[rule_key(method, pattern)] = std::move(rule);
}

const RateLimitRule* RateLimiter::rule(bhttp::verb method, const std::string& pattern) const {
  auto it = rules_.find(rule_key(method, pattern));
  return it == rules_.end() ? nullptr : &it->second;
}

std::size_t RateLimiter::bucket_count() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.buckets.size();
  }
  return n;
}

void RateLimiter::sweep(Shard& shard, std::int64_t now_ms) {
  std::erase_if(shard.buckets, [now_ms](const auto& entry) { return entry.second.idle_after_ms <= now_ms; });
  shard.next_sweep_ms = now_ms + kSweepEveryMs;
  if (shard.buckets.size() >= max_buckets_per_shard_) {
    // Every bucket still active: a flood of distinct addresses. Forgetting them keeps memory
    // bounded; the cost is that their counts start again.
    spdlog::warn("rate limit: {} active clients in one shard; counters reset", shard.buckets.size());
    shard.buckets.clear();
  }
}

RateLimitDecision RateLimiter::check(bhttp::verb method, const std::string& pattern, std::string_view client) {
  RateLimitDecision decision;
  std::string route = rule_key(method, pattern);
  const std::vector<RateLimitTier>* tiers = &defaults_;
  if (auto it = rules_.find(route); it != rules_.end()) {
    if (it->second.exempt) return decision;
    if (!it->second.tiers.empty()) tiers = &it->second.tiers;
  }
  if (tiers->empty()) return decision;

  std::string key = std::move(route);
  key += '|';
  key += client;
  auto& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::int64_t now = clock_.now().time_since_epoch().count();

  std::lock_guard lock(shard.mutex);
  if (now >= shard.next_sweep_ms || shard.buckets.size() >= max_buckets_per_shard_) sweep(shard, now);
  auto& bucket = shard.buckets[key];
  bucket.tiers.resize(tiers->size());
  std::int64_t retry_after = 0;
  for (std::size_t i = 0; i < tiers->size(); ++i) {
    const auto& tier = (*tiers)[i];
    auto& state = bucket.tiers[i];
    auto ttl = static_cast<std::int64_t>(tier.ttl.count());
    bool blocked = state.blocked_until_ms > now;
    if (!blocked) {
      // A window (or a block) that has run out starts a fresh window.
      if (state.blocked_until_ms != 0 || state.expires_ms <= now) {
        state.blocked_until_ms = 0;
        state.hits = 0;
        state.expires_ms = now + ttl;
      }
      ++state.hits;
      if (state.hits > tier.limit) {
        blocked = true;
        state.blocked_until_ms = now + static_cast<std::int64_t>(tier.block.count());
      }
    }
    const std::string suffix = "-" + tier.name;
    decision.headers.emplace_back("X-RateLimit-Limit" + suffix, std::to_string(tier.limit));
    decision.headers.emplace_back("X-RateLimit-Remaining" + suffix,
                                  std::to_string(std::max(0, tier.limit - state.hits)));
    decision.headers.emplace_back("X-RateLimit-Reset" + suffix, std::to_string(seconds_until(state.expires_ms, now)));
    bucket.idle_after_ms = std::max({bucket.idle_after_ms, state.expires_ms, state.blocked_until_ms});
    if (blocked) {
      auto wait = seconds_until(state.blocked_until_ms, now);
      decision.headers.emplace_back("Retry-After" + suffix, std::to_string(wait));
      retry_after = std::max(retry_after, wait);
      decision.allowed = false;
      // As the reference's guard: the first refusing tier ends the check, later tiers are not charged.
      break;
    }
  }
  if (!decision.allowed) decision.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return decision;
}

}  // namespace admit
