#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <map>

#include "unit_support.hpp"

namespace admit {
namespace {

using std::chrono::seconds;

std::map<std::string, std::string> headers_of(const RateLimitDecision& d) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : d.headers)
    out[name] = value;
  return out;
}

class RateLimiterTest : public ::testing::Test {
 protected:
  // Small windows: 3 per 10 s and 5 per 60 s.
  std::vector<RateLimitTier> tiers() {
    return {{"short", seconds(10), 3, seconds(10)}, {"long", seconds(60), 5, seconds(60)}};
  }
  RateLimitDecision hit(const std::string& client = "198.51.100.1", const std::string& route = "/api/v1/sessions",
                        bhttp::verb method = bhttp::verb::get) {
    return limiter_.check(method, route, client);
  }

  FakeClock clock_;
  RateLimiter limiter_{clock_, tiers()};
};

TEST_F(RateLimiterTest, CountsDownBothWindows) {
  auto h = headers_of(hit());
  EXPECT_EQ(h["X-RateLimit-Limit-short"], "3");
  EXPECT_EQ(h["X-RateLimit-Remaining-short"], "2");
  EXPECT_EQ(h["X-RateLimit-Reset-short"], "10");
  EXPECT_EQ(h["X-RateLimit-Limit-long"], "5");
  EXPECT_EQ(h["X-RateLimit-Remaining-long"], "4");
  EXPECT_EQ(h["X-RateLimit-Reset-long"], "60");
  EXPECT_EQ(h.count("Retry-After"), 0u);
  clock_.advance(std::chrono::milliseconds(2500));
  h = headers_of(hit());
  EXPECT_EQ(h["X-RateLimit-Remaining-short"], "1");
  // Seconds left, rounded up: 7.5 s -> 8.
  EXPECT_EQ(h["X-RateLimit-Reset-short"], "8");
}

TEST_F(RateLimiterTest, TheRequestOverTheLimitIsRefusedAndBlocked) {
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(hit().allowed);
  clock_.advance(seconds(4));
  auto refused = hit();
  EXPECT_FALSE(refused.allowed);
  auto h = headers_of(refused);
  EXPECT_EQ(h["X-RateLimit-Remaining-short"], "0");
  // Blocked for the block duration from the refused request, not until the window's end.
  EXPECT_EQ(h["Retry-After-short"], "10");
  EXPECT_EQ(h["Retry-After"], "10");
  // Still blocked after the window that was exceeded has ended.
  clock_.advance(seconds(7));
  auto still = hit();
  EXPECT_FALSE(still.allowed);
  EXPECT_EQ(headers_of(still)["Retry-After-short"], "3");
  clock_.advance(seconds(3));
  auto again = hit();
  EXPECT_TRUE(again.allowed);
  EXPECT_EQ(headers_of(again)["X-RateLimit-Remaining-short"], "2");
}

TEST_F(RateLimiterTest, AWindowThatEndsStartsAfresh) {
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(hit().allowed);
  clock_.advance(seconds(10));
  auto h = headers_of(hit());
  EXPECT_EQ(h["X-RateLimit-Remaining-short"], "2");
  EXPECT_EQ(h["X-RateLimit-Remaining-long"], "1");
}

TEST_F(RateLimiterTest, TheLongWindowRefusesWhenTheShortOneWouldAllow) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(hit().allowed) << i;
    clock_.advance(seconds(11));  // a new short window every time
  }
  auto refused = hit();
  EXPECT_FALSE(refused.allowed);
  auto h = headers_of(refused);
  EXPECT_EQ(h["Retry-After-long"], "60");
  EXPECT_EQ(h["Retry-After"], "60");
  EXPECT_EQ(h.count("Retry-After-short"), 0u);
}

TEST_F(RateLimiterTest, BlockedRequestsAreNotCounted) {
  for (int i = 0; i < 4; ++i)
    hit();
  for (int i = 0; i < 50; ++i)
    EXPECT_FALSE(hit().allowed);
  clock_.advance(seconds(10));
  // The long window counted the 3 allowed requests and this one; neither the short window's
  // refusal nor the 50 blocked requests reached it.
  EXPECT_EQ(headers_of(hit())["X-RateLimit-Remaining-long"], "1");
}

TEST_F(RateLimiterTest, BucketsArePerRouteAndPerClient) {
  for (int i = 0; i < 4; ++i)
    hit("198.51.100.1", "/api/v1/sessions");
  EXPECT_FALSE(hit("198.51.100.1", "/api/v1/sessions").allowed);
  EXPECT_TRUE(hit("198.51.100.2", "/api/v1/sessions").allowed);
  EXPECT_TRUE(hit("198.51.100.1", "/api/v1/participants").allowed);
  EXPECT_TRUE(hit("198.51.100.1", "/api/v1/sessions", bhttp::verb::post).allowed);
  // A signed-in user behind the same address has buckets of their own.
  EXPECT_TRUE(hit("198.51.100.1|user-1", "/api/v1/sessions").allowed);
}

TEST_F(RateLimiterTest, HeadCountsAgainstItsGetRoute) {
  for (int i = 0; i < 3; ++i)
    hit("198.51.100.1", "/api/v1/sessions", bhttp::verb::head);
  EXPECT_FALSE(hit().allowed);
}

TEST_F(RateLimiterTest, RouteRules) {
  limiter_.set_rule(bhttp::verb::get, "/api/v1/health", RateLimitRule{true, {}});
  limiter_.set_rule(bhttp::verb::post, "/api/v1/bulk/upload/participants",
                    RateLimitRule{false, {{"short", seconds(10), 1, seconds(30)}}});
  for (int i = 0; i < 100; ++i) {
    auto d = hit("198.51.100.1", "/api/v1/health");
    ASSERT_TRUE(d.allowed);
    ASSERT_TRUE(d.headers.empty());
  }
  EXPECT_TRUE(hit("198.51.100.1", "/api/v1/bulk/upload/participants", bhttp::verb::post).allowed);
  auto refused = hit("198.51.100.1", "/api/v1/bulk/upload/participants", bhttp::verb::post);
  EXPECT_FALSE(refused.allowed);
  auto h = headers_of(refused);
  EXPECT_EQ(h["X-RateLimit-Limit-short"], "1");
  EXPECT_EQ(h["Retry-After"], "30");
  EXPECT_EQ(h.count("X-RateLimit-Limit-long"), 0u);
  ASSERT_NE(limiter_.rule(bhttp::verb::head, "/api/v1/health"), nullptr);
  EXPECT_EQ(limiter_.rule(bhttp::verb::get, "/api/v1/sessions"), nullptr);
}

TEST_F(RateLimiterTest, IdleBucketsAreSwept) {
  for (int i = 0; i < 1000; ++i)
    hit("198.51.100." + std::to_string(i));
  EXPECT_EQ(limiter_.bucket_count(), 1000u);
  clock_.advance(seconds(61));
  hit("203.0.113.1");
  // Every shard sweeps on its next use; use them all.
  for (int i = 0; i < 200; ++i)
    hit("203.0.113.2", "/r" + std::to_string(i));
  EXPECT_EQ(limiter_.bucket_count(), 201u);
}

TEST(RateLimiterMemory, BucketCountStaysBounded) {
  FakeClock clock;
  RateLimiter limiter(clock, default_rate_limit_tiers(), 1600);
  for (int i = 0; i < 20000; ++i)
    limiter.check(bhttp::verb::get, "/api/v1/sessions", "2001:db8::" + std::to_string(i));
  EXPECT_LE(limiter.bucket_count(), 1600u);
}

TEST(RateLimitTier, Parses) {
  auto t = parse_rate_limit_tier("short", "300/10s");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "short");
  EXPECT_EQ(t->limit, 300);
  EXPECT_EQ(t->ttl, seconds(10));
  EXPECT_EQ(t->block, seconds(10));
  EXPECT_EQ(parse_rate_limit_tier("long", "500/60")->ttl, seconds(60));
  EXPECT_EQ(parse_rate_limit_tier("long", "20/2m")->ttl, seconds(120));
  EXPECT_EQ(parse_rate_limit_tier("long", "1000/1h")->ttl, seconds(3600));
  for (const char* bad : {"", "300", "/10s", "0/10s", "-1/10s", "300/0s", "300/10x", "300/s", "300/25h", "a/10s"}) {
    EXPECT_FALSE(parse_rate_limit_tier("x", bad)) << bad;
  }
}

TEST(RateLimitTier, DefaultsAreTheReferences) {
  auto tiers = default_rate_limit_tiers();
  ASSERT_EQ(tiers.size(), 2u);
  EXPECT_EQ(tiers[0].name, "short");
  EXPECT_EQ(tiers[0].limit, 300);
  EXPECT_EQ(tiers[0].ttl, seconds(10));
  EXPECT_EQ(tiers[1].name, "long");
  EXPECT_EQ(tiers[1].limit, 500);
  EXPECT_EQ(tiers[1].ttl, seconds(60));
}

}  // namespace
}  // namespace admit
