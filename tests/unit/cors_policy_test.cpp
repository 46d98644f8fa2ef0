#include "http/cors_policy.hpp"

#include <gtest/gtest.h>

#include "http/security_headers.hpp"

namespace admit {
namespace {

CorsPolicy policy(const char* list) {
  std::string error;
  auto p = CorsPolicy::parse(list, error);
  EXPECT_TRUE(p) << error;
  return p.value_or(CorsPolicy{});
}

HttpRequest preflight_request(const char* origin, const char* method = "POST") {
  HttpRequest req{bhttp::verb::options, "/api/v1/checkin/accept", 11};
  if (origin != nullptr) req.set(bhttp::field::origin, origin);
  if (method != nullptr) req.set(bhttp::field::access_control_request_method, method);
  req.set(bhttp::field::access_control_request_headers, "content-type,idempotency-key");
  return req;
}

TEST(CorsPolicy, ParsesTrimsAndNormalises) {
  auto p = policy(" http://localhost:3000 ,HTTPS://Board.Example.org/,, http://localhost:3000");
  ASSERT_EQ(p.origins().size(), 2u);
  EXPECT_EQ(p.origins()[0], "http://localhost:3000");
  EXPECT_EQ(p.origins()[1], "https://board.example.org");
  EXPECT_TRUE(policy("").origins().empty());
}

TEST(CorsPolicy, RefusesWhatIsNotAnOrigin) {
  for (const char* bad : {"localhost:3000", "ftp://x.org", "https://x.org/app", "*", "https://", "https://a b.org",
                          "https://*.example.org", "https://x.org?q"}) {
    std::string error;
    EXPECT_FALSE(CorsPolicy::parse(bad, error)) << bad;
    EXPECT_NE(error.find("is not an origin"), std::string::npos) << error;
  }
}

TEST(CorsPolicy, MatchesExactly) {
  auto p = policy("http://localhost:3000,https://board.example.org");
  EXPECT_TRUE(p.allows("http://localhost:3000"));
  EXPECT_TRUE(p.allows("https://board.example.org"));
  EXPECT_FALSE(p.allows("http://localhost:30001"));
  EXPECT_FALSE(p.allows("http://localhost"));
  EXPECT_FALSE(p.allows("https://board.example.org.evil.net"));
  EXPECT_FALSE(p.allows("http://board.example.org"));
  EXPECT_FALSE(p.allows("null"));
  EXPECT_FALSE(p.allows(""));
}

TEST(CorsPolicy, PreflightOfAnAllowedOrigin) {
  auto p = policy("http://localhost:3001");
  auto req = preflight_request("http://localhost:3001");
  EXPECT_TRUE(CorsPolicy::is_preflight(req));
  auto res = p.preflight(req);
  EXPECT_EQ(res.result(), bhttp::status::no_content);
  EXPECT_EQ(res[bhttp::field::access_control_allow_origin], "http://localhost:3001");
  EXPECT_EQ(res[bhttp::field::access_control_allow_credentials], "true");
  EXPECT_EQ(res[bhttp::field::access_control_allow_methods], "GET,POST,PUT,DELETE,PATCH,OPTIONS");
  auto allowed = std::string(res[bhttp::field::access_control_allow_headers]);
  for (const char* h : {"Content-Type", "Authorization", "Idempotency-Key", "X-Request-Id", "X-CSRF-Token"})
    EXPECT_NE(allowed.find(h), std::string::npos) << h;
  EXPECT_EQ(res[bhttp::field::access_control_max_age], "600");
  EXPECT_NE(std::string(res[bhttp::field::vary]).find("Origin"), std::string::npos);
}

TEST(CorsPolicy, PreflightOfAnotherOriginHasNoAllowHeaders) {
  auto p = policy("http://localhost:3001");
  auto res = p.preflight(preflight_request("https://evil.example"));
  EXPECT_EQ(res.result(), bhttp::status::no_content);
  EXPECT_EQ(res.find(bhttp::field::access_control_allow_origin), res.end());
  EXPECT_EQ(res.find(bhttp::field::access_control_allow_methods), res.end());
  EXPECT_EQ(res.find(bhttp::field::access_control_allow_credentials), res.end());
  EXPECT_FALSE(CorsPolicy::is_preflight(preflight_request(nullptr)));
  EXPECT_FALSE(CorsPolicy::is_preflight(preflight_request("http://localhost:3001", nullptr)));
}

TEST(CorsPolicy, ActualResponses) {
  auto p = policy("http://localhost:3001");
  HttpRequest req{bhttp::verb::get, "/api/v1/sessions", 11};
  req.set(bhttp::field::origin, "http://localhost:3001");
  HttpResponse res{bhttp::status::ok, 11};
  res.set(bhttp::field::vary, "Accept-Encoding");
  p.apply(req, res);
  EXPECT_EQ(res[bhttp::field::access_control_allow_origin], "http://localhost:3001");
  EXPECT_EQ(res[bhttp::field::access_control_allow_credentials], "true");
  auto exposed = std::string(res[bhttp::field::access_control_expose_headers]);
  for (const char* h :
       {"X-Request-Id", "X-RateLimit-Remaining-short", "Retry-After", "Content-Disposition", "Idempotent-Replayed"})
    EXPECT_NE(exposed.find(h), std::string::npos) << h;
  EXPECT_EQ(res[bhttp::field::vary], "Accept-Encoding, Origin");

  HttpRequest other{bhttp::verb::get, "/api/v1/sessions", 11};
  other.set(bhttp::field::origin, "https://evil.example");
  HttpResponse denied{bhttp::status::ok, 11};
  p.apply(other, denied);
  EXPECT_EQ(denied.find(bhttp::field::access_control_allow_origin), denied.end());
  EXPECT_EQ(denied[bhttp::field::vary], "Origin");
}

HttpRequest handshake(const char* host, const char* origin) {
  HttpRequest req{bhttp::verb::get, "/socket.io/?EIO=4&transport=websocket", 11};
  if (host != nullptr) req.set(bhttp::field::host, host);
  if (origin != nullptr) req.set(bhttp::field::origin, origin);
  return req;
}

TEST(CorsPolicy, CredentialsAreTrustedFromOurOwnHostOrAListedOrigin) {
  auto p = policy("https://board.example.org");
  EXPECT_TRUE(p.is_own_or_allowed_origin(handshake("admit.example.org", nullptr))) << "no Origin: not a page";
  EXPECT_TRUE(p.is_own_or_allowed_origin(handshake("admit.example.org", "https://admit.example.org")));
  EXPECT_TRUE(p.is_own_or_allowed_origin(handshake("Admit.Example.org:443", "https://admit.example.org")))
      << "behind a proxy the port may differ";
  EXPECT_TRUE(p.is_own_or_allowed_origin(handshake("127.0.0.1:3000", "http://127.0.0.1:3000")));
  EXPECT_TRUE(p.is_own_or_allowed_origin(handshake("[::1]:3000", "http://[::1]:3000")));
  EXPECT_TRUE(p.is_own_or_allowed_origin(handshake("admit.example.org", "https://board.example.org")));

  EXPECT_FALSE(p.is_own_or_allowed_origin(handshake("admit.example.org", "https://evil.example.org")));
  EXPECT_FALSE(p.is_own_or_allowed_origin(handshake("admit.example.org", "https://admit.example.org.evil.net")));
  EXPECT_FALSE(p.is_own_or_allowed_origin(handshake("admit.example.org", "null")));
  EXPECT_FALSE(p.is_own_or_allowed_origin(handshake(nullptr, "https://admit.example.org")));
  EXPECT_FALSE(p.is_own_or_allowed_origin(handshake("[::1", "http://[::1")));
}

TEST(SecurityHeaders, EveryResponseGetsThem) {
  HttpResponse res{bhttp::status::ok, 11};
  SecurityHeaders{}.apply(res);
  auto csp = std::string(res["Content-Security-Policy"]);
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("'wasm-unsafe-eval'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(res["X-Frame-Options"], "DENY");
  EXPECT_EQ(res["Cross-Origin-Opener-Policy"], "same-origin");
  EXPECT_EQ(res["Cross-Origin-Resource-Policy"], "same-origin");
  EXPECT_EQ(res.find(bhttp::field::strict_transport_security), res.end());

  HttpResponse tls{bhttp::status::ok, 11};
  SecurityHeaders{true}.apply(tls);
  EXPECT_EQ(tls[bhttp::field::strict_transport_security], "max-age=31536000; includeSubDomains");
}

TEST(SecurityHeaders, AHandlersOwnPolicyStays) {
  HttpResponse res{bhttp::status::ok, 11};
  res.set("Content-Security-Policy", "default-src 'none'");
  SecurityHeaders{}.apply(res);
  EXPECT_EQ(res["Content-Security-Policy"], "default-src 'none'");
}

}  // namespace
}  // namespace admit
