// The pieces of access control that need no server: token hashing, the token index and its
// reload merge, the sign-in throttle, cookie parsing, the authenticator's decisions, passwords and
// the access policy table.
#include <gtest/gtest.h>

#include <set>

#include "api/access_policy.hpp"
#include "domain/user.hpp"
#include "http/authenticator.hpp"
#include "http/login_throttle.hpp"
#include "http/password_hasher.hpp"
#include "http/setup_token.hpp"
#include "http/token_crypto.hpp"
#include "http/token_index.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

ActiveToken active(const std::string& hash, const std::string& user, Role role = Role::kStaff,
                   TimePoint expires = kNineAm + std::chrono::hours(1)) {
  return ActiveToken{hash, user, "name-" + user, static_cast<int>(role), "csrf-" + hash, expires};
}

HttpRequest request(bhttp::verb method, std::map<std::string, std::string> headers = {}) {
  HttpRequest req{method, "/api/v1/sessions", 11};
  for (const auto& [name, value] : headers)
    req.set(name, value);
  return req;
}

TEST(TokenCrypto, TokensAreLongRandomAndUrlSafe) {
  CountingRandom random;
  auto a = new_secret_token(random);
  auto b = new_secret_token(random);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
  EXPECT_EQ(token_hash(a).size(), 64U);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), token_hash(b));
  EXPECT_TRUE(secrets_equal("abc", "abc"));
  EXPECT_FALSE(secrets_equal("abc", "abd"));
  EXPECT_FALSE(secrets_equal("abc", "abcd"));
  EXPECT_FALSE(secrets_equal("", ""));  // an empty secret never matches
}

TEST(TokenIndex, FindsValidTokensAndHonoursExpiry) {
  TokenIndex index;
  index.add(active("h1", "u1"));
  auto found = index.find("h1", kNineAm);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, "u1");
  EXPECT_EQ(found->role, Role::kStaff);
  EXPECT_FALSE(index.find("h1", kNineAm + std::chrono::hours(1)));
  EXPECT_FALSE(index.find("h2", kNineAm));
}

TEST(TokenIndex, RemovalsAndRoleChanges) {
  TokenIndex index;
  index.add(active("h1", "u1"));
  index.add(active("h2", "u1"));
  index.add(active("h3", "u2"));
  index.set_role("u1", Role::kViewer);
  EXPECT_EQ(index.find("h2", kNineAm)->role, Role::kViewer);
  EXPECT_EQ(index.find("h3", kNineAm)->role, Role::kStaff);
  index.remove("h1");
  EXPECT_FALSE(index.find("h1", kNineAm));
  index.remove_user("u1");
  EXPECT_FALSE(index.find("h2", kNineAm));
  EXPECT_TRUE(index.find("h3", kNineAm));
  EXPECT_EQ(index.size(), 1U);
}

TEST(TokenIndex, AReloadKeepsChangesMadeWhileItRead) {
  TokenIndex index;
  index.add(active("old", "u1"));
  index.add(active("revoked-elsewhere", "u2"));
  index.begin_reload();
  // While the snapshot is read: a login and a logout here.
  index.add(active("new", "u3"));
  index.remove("old");
  // The snapshot predates both and no longer has the token revoked by another process.
  index.finish_reload({active("old", "u1")});
  EXPECT_TRUE(index.find("new", kNineAm));
  EXPECT_FALSE(index.find("old", kNineAm));
  EXPECT_FALSE(index.find("revoked-elsewhere", kNineAm));
}

TEST(TokenIndex, UsesAreReportedOnceAndSurviveAReload) {
  TokenIndex index;
  index.add(active("h1", "u1"));
  index.add(active("h2", "u1"));
  ASSERT_TRUE(index.find("h1", kNineAm + std::chrono::minutes(5)));
  index.begin_reload();
  index.finish_reload({active("h1", "u1"), active("h2", "u1")});
  auto used = index.take_used();
  ASSERT_EQ(used.size(), 1U);
  EXPECT_EQ(used[0].first, "h1");
  EXPECT_EQ(used[0].second, kNineAm + std::chrono::minutes(5));
  EXPECT_TRUE(index.take_used().empty());
}

TEST(LoginThrottle, FiveFailuresThenWaitUntilTheOldestLeavesTheWindow) {
  FakeClock clock;
  LoginThrottle throttle(clock);
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(throttle.retry_after("10.0.0.1", "alice"));
    throttle.failed("10.0.0.1", "alice");
    clock.advance(std::chrono::minutes(1));
  }
  auto wait = throttle.retry_after("10.0.0.1", "alice");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, std::chrono::minutes(10));
  // The name is limited from another address, the address for another name.
  EXPECT_TRUE(throttle.retry_after("10.0.0.2", "ALICE"));
  EXPECT_TRUE(throttle.retry_after("10.0.0.1", "bob"));
  EXPECT_FALSE(throttle.retry_after("10.0.0.2", "bob"));
  clock.advance(std::chrono::minutes(10));
  EXPECT_FALSE(throttle.retry_after("10.0.0.1", "alice"));
}

TEST(LoginThrottle, SuccessClearsTheNameButNotTheAddress) {
  FakeClock clock;
  LoginThrottle throttle(clock, 2);
  throttle.failed("10.0.0.1", "alice");
  throttle.failed("10.0.0.9", "alice");
  EXPECT_TRUE(throttle.retry_after("10.0.0.5", "alice"));
  throttle.succeeded("alice");
  EXPECT_FALSE(throttle.retry_after("10.0.0.5", "alice"));
  throttle.failed("10.0.0.1", "carol");
  EXPECT_TRUE(throttle.retry_after("10.0.0.1", "dave"));
}

TEST(CookieValue, FindsTheNamedCookie) {
  EXPECT_EQ(cookie_value("admit_session=abc", "admit_session"), "abc");
  EXPECT_EQ(cookie_value("theme=dark; admit_session=abc; x=y", "admit_session"), "abc");
  EXPECT_EQ(cookie_value("admit_session=\"abc\"", "admit_session"), "abc");
  EXPECT_FALSE(cookie_value("xadmit_session=abc; other=1", "admit_session"));
  EXPECT_FALSE(cookie_value("", "admit_session"));
}

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest() : authenticator_(AuthOptions{true, std::string(40, 'k')}, index_, clock_) {
    index_.add(active(token_hash("staff-token"), "u1", Role::kStaff));
  }
  FakeClock clock_;
  TokenIndex index_;
  Authenticator authenticator_;
};

TEST_F(AuthenticatorTest, BearerCookieAndAdminToken) {
  auto none = authenticator_.identify(request(bhttp::verb::get));
  EXPECT_FALSE(none.authenticated());
  EXPECT_FALSE(none.rejected_credentials);

  auto bearer = authenticator_.identify(request(bhttp::verb::get, {{"Authorization", "bearer staff-token"}}));
  EXPECT_EQ(bearer.method, AuthMethod::kBearer);
  EXPECT_EQ(bearer.role, Role::kStaff);

  auto cookie = authenticator_.identify(request(bhttp::verb::get, {{"Cookie", "admit_session=staff-token"}}));
  EXPECT_EQ(cookie.method, AuthMethod::kCookie);

  auto admin =
      authenticator_.identify(request(bhttp::verb::get, {{"Authorization", "Bearer " + std::string(40, 'k')}}));
  EXPECT_EQ(admin.method, AuthMethod::kAdminToken);
  EXPECT_EQ(admin.role, Role::kAdmin);

  auto wrong = authenticator_.identify(request(bhttp::verb::get, {{"Authorization", "Bearer nope"}}));
  EXPECT_TRUE(wrong.rejected_credentials);
  auto basic = authenticator_.identify(request(bhttp::verb::get, {{"Authorization", "Basic staff-token"}}));
  EXPECT_TRUE(basic.rejected_credentials);
}

TEST_F(AuthenticatorTest, Decisions) {
  auto get = request(bhttp::verb::get);
  Principal nobody;
  EXPECT_FALSE(authenticator_.authorize(nobody, Role::kPublic, get));
  EXPECT_EQ(authenticator_.authorize(nobody, Role::kViewer, get)->kind, ErrorKind::kUnauthorized);
  auto staff = authenticator_.identify(request(bhttp::verb::get, {{"Authorization", "Bearer staff-token"}}));
  EXPECT_FALSE(authenticator_.authorize(staff, Role::kStaff, get));
  auto denied = authenticator_.authorize(staff, Role::kAdmin, get);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->kind, ErrorKind::kForbidden);
  EXPECT_EQ(denied->message, "Insufficient role: admin required");
  EXPECT_FALSE(authenticator_.authorize(staff, Role::kStaff, request(bhttp::verb::post)));  // bearer: no CSRF
}

TEST_F(AuthenticatorTest, CookieWritesNeedTheCsrfToken) {
  auto csrf = "csrf-" + token_hash("staff-token");
  auto post = request(bhttp::verb::post, {{"Cookie", "admit_session=staff-token"}});
  auto who = authenticator_.identify(post);
  EXPECT_EQ(authenticator_.authorize(who, Role::kStaff, post)->kind, ErrorKind::kForbidden);
  EXPECT_FALSE(authenticator_.authorize(who, Role::kPublic, post));  // sign-in routes need none
  auto with = request(bhttp::verb::post, {{"Cookie", "admit_session=staff-token"}, {"X-CSRF-Token", csrf}});
  EXPECT_FALSE(authenticator_.authorize(authenticator_.identify(with), Role::kStaff, with));
  auto get = request(bhttp::verb::get, {{"Cookie", "admit_session=staff-token"}});
  EXPECT_FALSE(authenticator_.authorize(authenticator_.identify(get), Role::kStaff, get));
}

TEST_F(AuthenticatorTest, SocketHandshake) {
  EXPECT_EQ(authenticator_.admit_socket(Json::object(), ""), "Unauthorized");
  EXPECT_EQ(authenticator_.admit_socket(Json{{"token", "nope"}}, ""), "Unauthorized");
  EXPECT_EQ(authenticator_.admit_socket(Json{{"token", 5}}, ""), "Unauthorized");
  EXPECT_FALSE(authenticator_.admit_socket(Json{{"token", "staff-token"}}, ""));
  EXPECT_FALSE(authenticator_.admit_socket(Json::object(), "a=b; admit_session=staff-token"));
}

TEST(AuthenticatorOff, EveryoneIsAnAnonymousAdmin) {
  FakeClock clock;
  TokenIndex index;
  Authenticator off(AuthOptions{false, {}}, index, clock);
  auto who = off.identify(request(bhttp::verb::delete_, {{"Authorization", "Bearer junk"}}));
  EXPECT_EQ(who.method, AuthMethod::kOpen);
  EXPECT_EQ(who.role, Role::kAdmin);
  EXPECT_FALSE(off.authorize(who, Role::kAdmin, request(bhttp::verb::delete_)));
  EXPECT_FALSE(off.admit_socket(Json::object(), ""));
}

TEST(PasswordHasher, HashesVerifyAndDiffer) {
  PasswordHasher hasher(PasswordHasher::minimal());
  auto a = hasher.hash("correct horse");
  auto b = hasher.hash("correct horse");
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0U) << a;
  EXPECT_NE(a, b);  // salted
  EXPECT_TRUE(hasher.verify(a, "correct horse"));
  EXPECT_FALSE(hasher.verify(a, "correct horsE"));
  EXPECT_FALSE(hasher.verify("garbage", "correct horse"));
  hasher.verify_nothing("anything");
}

TEST(Accounts, UsernameAndPasswordRules) {
  EXPECT_EQ(check_username("door-1.north@site_a"), "");
  EXPECT_NE(check_username(""), "");
  EXPECT_NE(check_username("with space"), "");
  EXPECT_NE(check_username(std::string(65, 'a')), "");
  EXPECT_EQ(check_password("12345678"), "");
  EXPECT_NE(check_password("1234567"), "");
  EXPECT_NE(check_password(std::string(1025, 'a')), "");
  EXPECT_NE(check_password("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"), "");
}

TEST(SetupToken, WorksOnce) {
  SetupToken setup;
  EXPECT_FALSE(setup.consume("x"));
  setup.set("secret-token");
  EXPECT_TRUE(setup.pending());
  EXPECT_FALSE(setup.consume("secret-tokeN"));
  EXPECT_TRUE(setup.consume("secret-token"));
  EXPECT_FALSE(setup.pending());
  EXPECT_FALSE(setup.consume("secret-token"));
}

TEST(AccessPolicy, TableIsUniqueAndAppliedWithDenyByDefault) {
  std::set<std::pair<bhttp::verb, std::string_view>> seen;
  for (const auto& rule : access_rules())
    EXPECT_TRUE(seen.emplace(rule.method, rule.pattern).second) << rule.pattern << " listed twice";

  Router router;
  auto handler = [](RequestContext&) -> Task<HttpResponse> { co_return HttpResponse{}; };
  router.add(bhttp::verb::get, "/api/v1/health", handler);
  router.add(bhttp::verb::post, "/api/v1/checkin/accept", handler);
  router.add(bhttp::verb::get, "/api/v1/unlisted", handler);
  auto unlisted = apply_access_policy(router);
  ASSERT_EQ(unlisted.size(), 1U);
  EXPECT_EQ(unlisted[0], "GET /api/v1/unlisted");
  EXPECT_EQ(router.routes()[0].role, Role::kPublic);
  EXPECT_EQ(router.routes()[1].role, Role::kStaff);
  EXPECT_EQ(router.routes()[2].role, Role::kAdmin);
}

}  // namespace
}  // namespace admit
