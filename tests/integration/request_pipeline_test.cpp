// Rate limits, Idempotency-Key, CORS and security headers against the real binary.

#include <gtest/gtest.h>

#include <stdlib.h>

#include <atomic>
#include <latch>
#include <memory>
#include <thread>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

using Headers = std::map<std::string, std::string>;

// --------------------------------------------------------------------------------------------
// Rate limits

// One server with small windows (4 per 10 s, 6 per 60 s) and no trusted proxy. Each test pins the
// clock to an hour of its own, so the buckets of earlier tests have long run out.
class RateLimitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--rate-limit", "on", "--rate-limit-short", "4/10s", "--rate-limit-long", "6/60s"});
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    client_ = std::make_unique<HttpClient>(server_->port());
    hour_ = ++hours_used_;
    at(0);
  }

  // Pins the server's clock `seconds` into this test's hour.
  void at(int seconds) {
    char iso[64];
    std::snprintf(iso, sizeof iso, "2026-02-01T%02d:%02d:%02d.000Z", hour_, seconds / 60, seconds % 60);
    auto r = client_->post("/api/v1/_test/clock", Json{{"now", iso}});
    ASSERT_EQ(r.status, 200) << r.raw;
  }

  Reply get(const std::string& target, const Headers& headers = {}) {
    return client_->request("GET", target, std::nullopt, headers);
  }

  static inline std::unique_ptr<ServerProcess> server_;
  static inline int hours_used_ = 0;
  std::unique_ptr<HttpClient> client_;
  int hour_ = 0;
};

TEST_F(RateLimitTest, BothWindowsCountDownThenTheRequestOverTheLimitIs429) {
  for (int i = 0; i < 4; ++i) {
    auto r = get("/api/v1/sessions");
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.header("x-ratelimit-limit-short"), "4");
    EXPECT_EQ(r.header("x-ratelimit-remaining-short"), std::to_string(3 - i));
    EXPECT_EQ(r.header("x-ratelimit-reset-short"), "10");
    EXPECT_EQ(r.header("x-ratelimit-limit-long"), "6");
    EXPECT_EQ(r.header("x-ratelimit-remaining-long"), std::to_string(5 - i));
    EXPECT_EQ(r.header("x-ratelimit-reset-long"), "60");
  }
  at(3);
  auto refused = get("/api/v1/sessions?page=1");
  ASSERT_EQ(refused.status, 429) << refused.raw;
  EXPECT_EQ(refused.body["status"], "error");
  EXPECT_EQ(refused.body["statusCode"], 429);
  EXPECT_EQ(refused.body["message"], "ThrottlerException: Too Many Requests");
  EXPECT_EQ(refused.body["path"], "/api/v1/sessions?page=1");
  EXPECT_EQ(refused.body["method"], "GET");
  EXPECT_EQ(refused.header("retry-after-short"), "10");
  EXPECT_EQ(refused.header("retry-after"), "10");
  EXPECT_EQ(refused.header("x-ratelimit-remaining-short"), "0");
  EXPECT_FALSE(refused.header("x-request-id").empty());

  // Per route: another route of the same client is untouched.
  EXPECT_EQ(get("/api/v1/participants").status, 200);

  // Blocked for 10 s from the refusal (t = 3 s), not until the window's end (t = 10 s).
  at(12);
  auto still = get("/api/v1/sessions");
  EXPECT_EQ(still.status, 429);
  EXPECT_EQ(still.header("retry-after-short"), "1");
  at(13);
  auto again = get("/api/v1/sessions");
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.header("x-ratelimit-remaining-short"), "3");
  // The long window counted the four allowed requests and this one.
  EXPECT_EQ(again.header("x-ratelimit-remaining-long"), "1");
  EXPECT_EQ(get("/api/v1/sessions").status, 200);
  auto long_refused = get("/api/v1/sessions");
  ASSERT_EQ(long_refused.status, 429);
  EXPECT_EQ(long_refused.header("retry-after-long"), "60");
  EXPECT_EQ(long_refused.header("retry-after"), "60");
  EXPECT_TRUE(long_refused.header("retry-after-short").empty());
}

TEST_F(RateLimitTest, ForwardedForIsIgnoredFromAnUntrustedPeer) {
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(get("/api/v1/sessions", {{"X-Forwarded-For", "203.0.113." + std::to_string(i)}}).status, 200);
  // A client cannot get a fresh allowance by claiming another address.
  EXPECT_EQ(get("/api/v1/sessions", {{"X-Forwarded-For", "203.0.113.99"}}).status, 429);
}

TEST_F(RateLimitTest, HealthAndTestHooksAreNotLimited) {
  for (int i = 0; i < 12; ++i) {
    for (const char* path : {"/api/v1/health", "/api/v1/health/live", "/api/v1/health/ready"}) {
      auto r = get(path);
      ASSERT_NE(r.status, 429) << path;
      EXPECT_TRUE(r.header("x-ratelimit-limit-short").empty()) << path;
    }
    at(1);
  }
}

TEST_F(RateLimitTest, BulkUploadsHaveTheirOwnLimit) {
  // The override (10 per 10 s, 30 per minute) applies whatever the defaults are.
  for (int i = 0; i < 10; ++i) {
    auto r = client_->request_raw("POST", "/api/v1/bulk/upload/participants", "{}", "application/json");
    ASSERT_EQ(r.status, 400) << r.raw;  // no file, but counted
    EXPECT_EQ(r.header("x-ratelimit-limit-short"), "10");
    EXPECT_EQ(r.header("x-ratelimit-limit-long"), "30");
  }
  auto r = client_->request_raw("POST", "/api/v1/bulk/upload/participants", "{}", "application/json");
  EXPECT_EQ(r.status, 429);
}

TEST_F(RateLimitTest, HeadCountsAgainstTheGetRoute) {
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(client_->request("HEAD", "/api/v1/sessions/stats").status, 200);
  EXPECT_EQ(get("/api/v1/sessions/stats").status, 429);
}

// Behind a reverse proxy on the same machine: X-Forwarded-For names the client.
TEST(RateLimitBehindProxy, ForwardedForFromATrustedProxyNamesTheClient) {
  ServerProcess server({"--rate-limit", "on", "--rate-limit-short", "3/10s", "--trusted-proxy", "loopback"});
  HttpClient http(server.port());
  ASSERT_EQ(http.post("/api/v1/_test/clock", Json{{"now", "2026-02-01T09:00:00.000Z"}}).status, 200);
  auto as = [&](const std::string& forwarded) {
    Headers h;
    if (!forwarded.empty()) h["X-Forwarded-For"] = forwarded;
    return http.request("GET", "/api/v1/sessions", std::nullopt, h).status;
  };
  // The client wrote the left entry itself; the proxy appended what it saw.
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(as("10.0.0." + std::to_string(i) + ", 203.0.113.1"), 200);
  EXPECT_EQ(as("203.0.113.1"), 429);
  EXPECT_EQ(as("203.0.113.2"), 200);
  // Without the header the proxy itself is the client.
  EXPECT_EQ(as(""), 200);
}

// Ten volunteers behind one NAT each sign in: each account has its own allowance, while invented
// tokens cannot buy fresh ones.
TEST(RateLimitPerAccount, SignedInCallersBehindOneAddressAreCountedApart) {
  const std::string admin_token = "pipe-test-admin-token-0123456789abcdef";
  setenv("ADMIT_ADMIN_TOKEN", admin_token.c_str(), 1);
  ServerProcess server(
      {"--auth", "on", "--rate-limit", "on", "--rate-limit-short", "3/1h", "--rate-limit-long", "100/1h"});
  unsetenv("ADMIT_ADMIN_TOKEN");
  HttpClient http(server.port());
  auto token_of = [&](const std::string& name) {
    auto created = http.request("POST", "/api/v1/users",
                                Json{{"username", name}, {"password", "correct horse battery"}, {"role", "viewer"}},
                                {{"Authorization", "Bearer " + admin_token}});
    EXPECT_EQ(created.status, 201) << created.raw;
    auto login = http.post("/api/v1/auth/login", Json{{"username", name}, {"password", "correct horse battery"}});
    EXPECT_EQ(login.status, 200) << login.raw;
    return login.body.at("data").value("token", std::string{});
  };
  auto ann = token_of("ann");
  auto ben = token_of("ben");
  auto sessions = [&](const std::string& token) {
    return http.request("GET", "/api/v1/sessions", std::nullopt, {{"Authorization", "Bearer " + token}}).status;
  };
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(sessions(ann), 200);
  EXPECT_EQ(sessions(ann), 429);
  EXPECT_EQ(sessions(ben), 200);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(sessions("invented-" + std::to_string(i)), 401);
  EXPECT_EQ(sessions("invented-3"), 429);
}

TEST(RateLimitDefaults, AreTheReferencesTwoWindows) {
  ServerProcess server({"--rate-limit", "on"});
  HttpClient http(server.port());
  auto r = http.get("/api/v1/sessions");
  EXPECT_EQ(r.header("x-ratelimit-limit-short"), "300");
  EXPECT_EQ(r.header("x-ratelimit-limit-long"), "500");
}

TEST(RateLimitOff, NoHeadersAndNo429) {
  ServerProcess server;  // the test default: --rate-limit off
  HttpClient http(server.port());
  for (int i = 0; i < 400; ++i) {
    auto r = http.get("/api/v1/sessions/stats");
    ASSERT_EQ(r.status, 200);
    ASSERT_TRUE(r.header("x-ratelimit-limit-short").empty());
  }
}

TEST(RateLimitConfig, BadSettingsStopTheStartWithAReason) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--rate-limit-short", "lots"}, {"--trusted-proxy", "proxy.local"}, {"--cors-origin", "localhost:3000"}}) {
    EXPECT_THROW(ServerProcess server(args), std::runtime_error) << args[0];
  }
}

// --------------------------------------------------------------------------------------------
// Idempotency-Key

class IdempotencyTest : public ApiTest {
 protected:
  struct Door {
    std::string session;
    std::string participant;
  };
  Door door() {
    Door d{create_session({{"capacity", 50}}), create_participant()};
    create_registration(d.participant, d.session);
    return d;
  }
  Reply accept(const Door& d, const std::string& key, const std::string& by = "Door 1") {
    Headers h;
    if (!key.empty()) h["Idempotency-Key"] = key;
    return http().request("POST", "/api/v1/checkin/accept",
                          Json{{"participantId", d.participant}, {"sessionId", d.session}, {"checkedInBy", by}}, h);
  }
  int check_ins(const Door& d) {
    auto r = http().get("/api/v1/sessions/" + d.session);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.data().at("checkInsCount").get<int>();
  }
};

TEST_F(IdempotencyTest, ARetriedAcceptGetsTheFirstAnswerAndChecksInOnce) {
  auto d = door();
  auto first = accept(d, "3f0c6f1e-2d1b-4b8e-9f5a-7c1d2e3f4a5b");
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_TRUE(first.header("idempotent-replayed").empty());
  auto retry = accept(d, "3f0c6f1e-2d1b-4b8e-9f5a-7c1d2e3f4a5b");
  ASSERT_EQ(retry.status, 201) << retry.raw;
  EXPECT_EQ(retry.raw, first.raw);
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  EXPECT_EQ(retry.header("content-type"), first.header("content-type"));
  EXPECT_EQ(check_ins(d), 1);
  // Without the key the same request is a second attempt: the duplicate check answers.
  EXPECT_EQ(accept(d, "").status, 409);
}

TEST_F(IdempotencyTest, TheSameKeyWithAnotherBodyIs422) {
  auto d = door();
  ASSERT_EQ(accept(d, "key-1").status, 201);
  auto other = accept(d, "key-1", "Door 2");
  ASSERT_EQ(other.status, 422) << other.raw;
  EXPECT_EQ(other.body["statusCode"], 422);
  EXPECT_NE(other.body["message"].get<std::string>().find("was already used for a different request"),
            std::string::npos);
  EXPECT_EQ(check_ins(d), 1);
}

TEST_F(IdempotencyTest, ErrorsAreReplayedToo) {
  auto d = door();
  ASSERT_EQ(accept(d, "").status, 201);
  auto conflict = accept(d, "key-409");
  ASSERT_EQ(conflict.status, 409);
  auto again = accept(d, "key-409");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.raw, conflict.raw);
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
}

TEST_F(IdempotencyTest, AKeySurvivesARestart) {
  auto d = door();
  auto first = accept(d, "restart-key");
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(server().stop(), 0);
  server().start();
  client_ = std::make_unique<HttpClient>(server().port());
  auto retry = accept(d, "restart-key");
  ASSERT_EQ(retry.status, 201) << retry.raw;
  EXPECT_EQ(retry.raw, first.raw);
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  EXPECT_EQ(check_ins(d), 1);
}

TEST_F(IdempotencyTest, SimultaneousRequestsWithOneKeyHaveOneEffect) {
  auto d = door();
  constexpr int kClients = 8;
  std::vector<Reply> replies(kClients);
  std::latch go(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(server().port());
      go.arrive_and_wait();
      replies[static_cast<std::size_t>(i)] =
          client.request("POST", "/api/v1/checkin/accept",
                         Json{{"participantId", d.participant}, {"sessionId", d.session}, {"checkedInBy", "Door 1"}},
                         {{"Idempotency-Key", "together"}});
    });
  }
  for (auto& t : threads)
    t.join();
  int replayed = 0;
  for (const auto& r : replies) {
    EXPECT_EQ(r.status, 201) << r.raw;
    EXPECT_EQ(r.raw, replies[0].raw);
    if (r.header("idempotent-replayed") == "true") ++replayed;
  }
  EXPECT_EQ(replayed, kClients - 1);
  EXPECT_EQ(check_ins(d), 1);
}

TEST_F(IdempotencyTest, KeysLive24Hours) {
  pin_clock("2026-01-15T09:00:00.000Z");
  Json body = {{"name", "Ada"}, {"email", "ada@example.org"}};
  Headers key = {{"Idempotency-Key", "participant-ada"}};
  auto first = http().request("POST", "/api/v1/participants", body, key);
  ASSERT_EQ(first.status, 201) << first.raw;
  pin_clock("2026-01-16T08:59:59.000Z");
  auto replay = http().request("POST", "/api/v1/participants", body, key);
  EXPECT_EQ(replay.header("idempotent-replayed"), "true");
  EXPECT_EQ(replay.raw, first.raw);
  // 24 hours later the key is free again: the request runs (and meets the stored participant).
  pin_clock("2026-01-16T09:00:01.000Z");
  auto rerun = http().request("POST", "/api/v1/participants", body, key);
  EXPECT_EQ(rerun.status, 409) << rerun.raw;
  EXPECT_TRUE(rerun.header("idempotent-replayed").empty());
}

TEST_F(IdempotencyTest, MalformedKeysAre400AndReadsIgnoreTheHeader) {
  auto d = door();
  auto bad = accept(d, std::string(256, 'k'));
  ASSERT_EQ(bad.status, 400);
  EXPECT_NE(bad.body["message"].get<std::string>().find("Idempotency-Key must be 1 to 255 printable ASCII"),
            std::string::npos);
  EXPECT_EQ(accept(d, "with space").status, 400);
  EXPECT_EQ(check_ins(d), 0);
  auto read = http().request("GET", "/api/v1/sessions", std::nullopt, {{"Idempotency-Key", "with space"}});
  EXPECT_EQ(read.status, 200);
}

// --------------------------------------------------------------------------------------------
// CORS and security headers

class BrowserHeadersTest : public ApiTest {
 protected:
  Reply preflight(const std::string& origin, const std::string& path = "/api/v1/checkin/accept") {
    return http().request("OPTIONS", path, std::nullopt,
                          {{"Origin", origin},
                           {"Access-Control-Request-Method", "POST"},
                           {"Access-Control-Request-Headers", "content-type,idempotency-key,x-request-id"}});
  }
};

TEST_F(BrowserHeadersTest, PreflightFromTheDashboardsOrigin) {
  auto r = preflight("http://localhost:3001");
  ASSERT_EQ(r.status, 204) << r.raw;
  EXPECT_EQ(r.header("access-control-allow-origin"), "http://localhost:3001");
  EXPECT_EQ(r.header("access-control-allow-credentials"), "true");
  EXPECT_EQ(r.header("access-control-allow-methods"), "GET,POST,PUT,DELETE,PATCH,OPTIONS");
  auto allowed = r.header("access-control-allow-headers");
  for (const char* h : {"Content-Type", "Authorization", "Idempotency-Key", "X-Request-Id", "X-CSRF-Token"})
    EXPECT_NE(allowed.find(h), std::string::npos) << h;
  EXPECT_EQ(r.header("access-control-max-age"), "600");
  EXPECT_NE(r.header("vary").find("Origin"), std::string::npos);
  EXPECT_TRUE(r.raw.empty());
  // Also for paths with parameters and paths without a route (the reference's cors middleware).
  EXPECT_EQ(preflight("http://localhost:3000", "/api/v1/sessions/65a0c0ffee0000000000a001").status, 204);
}

TEST_F(BrowserHeadersTest, PreflightFromAnotherOriginGetsNoPermission) {
  auto r = preflight("https://evil.example");
  ASSERT_EQ(r.status, 204);
  EXPECT_TRUE(r.header("access-control-allow-origin").empty());
  EXPECT_TRUE(r.header("access-control-allow-methods").empty());
  EXPECT_TRUE(r.header("access-control-allow-credentials").empty());
  // A prefix of an allowed origin is another origin.
  EXPECT_TRUE(preflight("http://localhost:30011").header("access-control-allow-origin").empty());
}

TEST_F(BrowserHeadersTest, ActualRequestsCarryTheCorsHeaders) {
  auto r = http().request("GET", "/api/v1/sessions", std::nullopt, {{"Origin", "http://localhost:3000"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("access-control-allow-origin"), "http://localhost:3000");
  EXPECT_EQ(r.header("access-control-allow-credentials"), "true");
  auto exposed = r.header("access-control-expose-headers");
  for (const char* h :
       {"X-Request-Id", "X-RateLimit-Limit-short", "Retry-After", "Content-Disposition", "Idempotent-Replayed"})
    EXPECT_NE(exposed.find(h), std::string::npos) << h;
  EXPECT_NE(r.header("vary").find("Origin"), std::string::npos);

  auto other = http().request("GET", "/api/v1/sessions", std::nullopt, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other.status, 200);  // served: CORS only decides what the browser lets the page read
  EXPECT_TRUE(other.header("access-control-allow-origin").empty());
  // Errors are readable by the dashboard too.
  auto missing = http().request("GET", "/api/v1/nothing", std::nullopt, {{"Origin", "http://localhost:3000"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("access-control-allow-origin"), "http://localhost:3000");
}

TEST_F(BrowserHeadersTest, SocketIoPollingUsesTheSameOrigins) {
  auto allowed =
      http().request("GET", "/socket.io/?EIO=4&transport=polling", std::nullopt, {{"Origin", "http://localhost:3001"}});
  ASSERT_EQ(allowed.status, 200) << allowed.raw;
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "http://localhost:3001");
  EXPECT_EQ(allowed.header("access-control-allow-credentials"), "true");
  auto other =
      http().request("GET", "/socket.io/?EIO=4&transport=polling", std::nullopt, {{"Origin", "https://evil.example"}});
  EXPECT_TRUE(other.header("access-control-allow-origin").empty());
  auto pre = http().request("OPTIONS", "/socket.io/?EIO=4&transport=polling", std::nullopt,
                            {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_TRUE(pre.header("access-control-allow-methods").empty());
}

TEST_F(BrowserHeadersTest, SecurityHeadersOnEveryResponse) {
  for (const auto& r : {http().get("/api/v1/sessions"), http().get("/api/v1/nothing"),
                        http().post("/api/v1/sessions", Json{{"bad", 1}})}) {
    auto csp = r.header("content-security-policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << r.status;
    EXPECT_NE(csp.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(csp.find("connect-src 'self'"), std::string::npos);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(r.header("x-frame-options"), "DENY");
    EXPECT_EQ(r.header("cross-origin-opener-policy"), "same-origin");
    EXPECT_EQ(r.header("cross-origin-resource-policy"), "same-origin");
    // Without --hsts: plain HTTP deployments must not be told to insist on HTTPS.
    EXPECT_TRUE(r.header("strict-transport-security").empty());
  }
}

TEST(SecurityHeadersTls, HstsWhenConfigured) {
  ServerProcess server({"--hsts", "--cors-origin", "https://board.example.org"});
  HttpClient http(server.port());
  auto r = http.request("GET", "/api/v1/health", std::nullopt, {{"Origin", "https://board.example.org"}});
  EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(r.header("access-control-allow-origin"), "https://board.example.org");
  // The default origins are replaced, not extended.
  auto local = http.request("GET", "/api/v1/health", std::nullopt, {{"Origin", "http://localhost:3000"}});
  EXPECT_TRUE(local.header("access-control-allow-origin").empty());
}

}  // namespace
}  // namespace admit::test
