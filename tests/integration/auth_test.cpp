// Access control against the real binary started with --auth on: the role-by-route-class matrix,
// sign-in and sign-out, the cookie with CSRF, ADMIT_ADMIN_TOKEN, the first-start setup link, the
// sign-in rate limit (pinned clock), the accounts API, the `admit user` commands, tokens across a
// restart, and --auth off.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kAdminToken = "test-admin-token-0123456789abcdefghijklmnop";
constexpr const char* kPassword = "correct horse battery";

using Headers = std::map<std::string, std::string>;

Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// A server with access control on; ADMIT_ADMIN_TOKEN set only while it starts (the child keeps it).
std::unique_ptr<ServerProcess> start_auth_server(std::vector<std::string> extra = {}) {
  setenv("ADMIT_ADMIN_TOKEN", kAdminToken, 1);
  extra.insert(extra.begin(), {"--auth", "on"});
  auto server = std::make_unique<ServerProcess>(std::move(extra));
  unsetenv("ADMIT_ADMIN_TOKEN");
  return server;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs a shell command line; returns its exit status and what it wrote (stdout and stderr).
std::pair<int, std::string> shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, {}};
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.append(buffer, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = start_auth_server();
    HttpClient http(server_->port());
    for (const char* role : {"viewer", "staff", "admin"}) {
      auto created =
          http.request("POST", "/api/v1/users",
                       Json{{"username", std::string("matrix-") + role}, {"password", kPassword}, {"role", role}},
                       bearer(kAdminToken));
      ASSERT_EQ(created.status, 201) << created.raw;
    }
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    http_ = std::make_unique<HttpClient>(server_->port());
    auto reset = http_->request("POST", "/api/v1/_dev/reset", Json::object(), bearer(kAdminToken));
    ASSERT_EQ(reset.status, 200) << reset.raw;
  }

  Reply login(const std::string& username, const std::string& password = kPassword) {
    return http_->post("/api/v1/auth/login", Json{{"username", username}, {"password", password}});
  }
  std::string token_of(const std::string& username, const std::string& password = kPassword) {
    auto reply = login(username, password);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.status == 200 ? reply.data().at("token").get<std::string>() : std::string{};
  }
  Reply as(const std::string& token, const std::string& method, const std::string& target,
           const std::optional<Json>& body = std::nullopt) {
    return http_->request(method, target, body, token.empty() ? Headers{} : bearer(token));
  }
  Json session_body() {
    return Json{{"name", "Keynote"}, {"startTime", iso_from_now(-5)}, {"endTime", iso_from_now(60)}, {"isOpen", true}};
  }
  std::string create_user(const std::string& name, const std::string& role) {
    auto reply =
        as(kAdminToken, "POST", "/api/v1/users", Json{{"username", name}, {"password", kPassword}, {"role", role}});
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.status == 201 ? reply.data().at("id").get<std::string>() : std::string{};
  }

  static inline std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(AuthTest, RoleMatrixPerRouteClass) {
  std::map<std::string, std::string> tokens = {{"none", ""},
                                               {"viewer", token_of("matrix-viewer")},
                                               {"staff", token_of("matrix-staff")},
                                               {"admin", token_of("matrix-admin")}};
  auto session = as(kAdminToken, "POST", "/api/v1/sessions", session_body());
  ASSERT_EQ(session.status, 201) << session.raw;
  std::string session_id = session.data().at("_id");

  struct Case {
    std::string name;
    std::string method;
    std::string target;
    std::optional<Json> body;
    std::string least;  // public, viewer, staff, admin
    int allowed_status;
  };
  std::vector<Case> cases = {
      {"public health", "GET", "/api/v1/health", std::nullopt, "public", 200},
      {"public auth status", "GET", "/api/v1/auth/status", std::nullopt, "public", 200},
      {"viewer sessions", "GET", "/api/v1/sessions", std::nullopt, "viewer", 200},
      {"viewer reports", "GET", "/api/v1/reports/statistics", std::nullopt, "viewer", 200},
      {"viewer settings", "GET", "/api/v1/settings", std::nullopt, "viewer", 200},
      {"staff participants", "GET", "/api/v1/participants", std::nullopt, "staff", 200},
      {"staff verify-qr", "POST", "/api/v1/checkin/verify-qr",
       Json{{"qrCode", "QR-NOSUCHTICKET"}, {"sessionId", session_id}}, "staff", 404},
      {"admin settings write", "PUT", "/api/v1/settings/timing", Json{{"lateThresholdMinutes", 12}}, "admin", 200},
      {"admin users", "GET", "/api/v1/users", std::nullopt, "admin", 200},
      {"admin export", "GET", "/api/v1/bulk/template/participants", std::nullopt, "admin", 200},
  };
  const std::vector<std::string> order = {"none", "viewer", "staff", "admin"};
  auto rank = [&](const std::string& role) {
    if (role == "public") return -1;
    return static_cast<int>(std::find(order.begin(), order.end(), role) - order.begin());
  };
  for (const auto& c : cases) {
    for (const auto& who : order) {
      SCOPED_TRACE(c.name + " as " + who);
      auto reply = as(tokens[who], c.method, c.target, c.body);
      if (rank(who) >= rank(c.least)) {
        EXPECT_EQ(reply.status, c.allowed_status) << reply.raw;
      } else if (who == "none") {
        EXPECT_EQ(reply.status, 401) << reply.raw;
        EXPECT_EQ(reply.body.value("message", ""), "Authentication required");
        EXPECT_NE(reply.header("www-authenticate").find("Bearer"), std::string::npos);
        EXPECT_EQ(reply.body.value("statusCode", 0), 401);
      } else {
        EXPECT_EQ(reply.status, 403) << reply.raw;
        EXPECT_EQ(reply.body.value("message", ""), "Insufficient role: " + c.least + " required");
      }
    }
  }
  // Creating a session is an admin write.
  EXPECT_EQ(as(tokens["staff"], "POST", "/api/v1/sessions", session_body()).status, 403);
  EXPECT_EQ(as(tokens["admin"], "POST", "/api/v1/sessions", session_body()).status, 201);
  // A token that is not one.
  auto bogus = as("not-a-token", "GET", "/api/v1/sessions");
  EXPECT_EQ(bogus.status, 401);
  EXPECT_EQ(bogus.body.value("message", ""), "Invalid or expired credentials");
  auto basic = http_->request("GET", "/api/v1/sessions", std::nullopt, {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  EXPECT_EQ(basic.status, 401);
  // Unknown routes stay 404 whoever asks.
  EXPECT_EQ(as("", "GET", "/api/v1/nothing-here").status, 404);
}

TEST_F(AuthTest, EveryRouteHasAnExplicitPolicyEntry) {
  auto reply = as(kAdminToken, "GET", "/api/v1/_test/access-policy");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  std::map<std::string, std::string> roles;
  for (const auto& route : reply.data()) {
    std::string key = route.at("method").get<std::string>() + " " + route.at("path").get<std::string>();
    EXPECT_TRUE(route.at("listed").get<bool>()) << key << " has no entry in src/api/access_policy.cpp";
    roles[key] = route.at("role");
  }
  EXPECT_GT(roles.size(), 80U);
  EXPECT_EQ(roles["POST /api/v1/auth/login"], "public");
  EXPECT_EQ(roles["GET /api/v1/sessions"], "viewer");
  EXPECT_EQ(roles["POST /api/v1/checkin/accept"], "staff");
  EXPECT_EQ(roles["POST /api/v1/checkin/decline"], "staff");
  EXPECT_EQ(roles["DELETE /api/v1/sessions/:id"], "admin");
  EXPECT_EQ(roles["POST /api/v1/_dev/reset"], "admin");
}

TEST_F(AuthTest, LoginMeLogoutAndRevocation) {
  auto reply = login("matrix-staff");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto& data = reply.data();
  EXPECT_EQ(data.at("tokenType"), "Bearer");
  EXPECT_EQ(data.at("user").at("username"), "matrix-staff");
  EXPECT_EQ(data.at("user").at("role"), "staff");
  EXPECT_EQ(data.at("token").get<std::string>().size(), 43U);  // 32 bytes, base64url
  EXPECT_FALSE(data.at("csrfToken").get<std::string>().empty());
  EXPECT_TRUE(data.contains("expiresAt"));
  std::string token = data.at("token");

  auto me = as(token, "GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.data().at("user").at("role"), "staff");
  EXPECT_EQ(me.data().at("authEnabled"), true);
  EXPECT_EQ(me.data().at("csrfToken"), data.at("csrfToken"));

  // Usernames ignore case.
  EXPECT_EQ(login("MATRIX-STAFF").status, 200);

  auto out = as(token, "POST", "/api/v1/auth/logout", Json::object());
  EXPECT_EQ(out.status, 200) << out.raw;
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(as(token, "GET", "/api/v1/auth/me").status, 401);

  // Wrong password and unknown account: the same answer.
  auto wrong = login("matrix-staff", "not the password");
  auto unknown = login("nobody-here", "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body.value("message", ""), "Invalid username or password");
  EXPECT_EQ(unknown.body.value("message", ""), wrong.body.value("message", ""));
  auto missing = http_->post("/api/v1/auth/login", Json{{"username", "x"}});
  EXPECT_EQ(missing.status, 400) << missing.raw;
}

TEST_F(AuthTest, CookieWritesNeedTheCsrfHeader) {
  auto reply = login("matrix-admin");
  ASSERT_EQ(reply.status, 200);
  auto cookie = reply.header("set-cookie");
  EXPECT_NE(cookie.find("admit_session="), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  std::string session_cookie = cookie.substr(0, cookie.find(';'));
  std::string csrf = reply.data().at("csrfToken");

  Headers with_cookie = {{"Cookie", "theme=dark; " + session_cookie}};
  EXPECT_EQ(http_->request("GET", "/api/v1/auth/me", std::nullopt, with_cookie).status, 200);
  EXPECT_EQ(http_->request("GET", "/api/v1/sessions", std::nullopt, with_cookie).status, 200);

  auto no_header = http_->request("POST", "/api/v1/sessions", session_body(), with_cookie);
  EXPECT_EQ(no_header.status, 403) << no_header.raw;
  EXPECT_NE(no_header.body.value("message", "").find("CSRF"), std::string::npos);

  auto wrong = with_cookie;
  wrong["X-CSRF-Token"] = csrf.substr(1) + "x";
  EXPECT_EQ(http_->request("POST", "/api/v1/sessions", session_body(), wrong).status, 403);

  auto right = with_cookie;
  right["X-CSRF-Token"] = csrf;
  EXPECT_EQ(http_->request("POST", "/api/v1/sessions", session_body(), right).status, 201);

  // A bearer token needs no CSRF token: it is never sent by the browser on its own.
  EXPECT_EQ(as(reply.data().at("token"), "POST", "/api/v1/sessions", session_body()).status, 201);

  // Logging out through the cookie is a write too.
  EXPECT_EQ(http_->request("POST", "/api/v1/auth/logout", Json::object(), with_cookie).status, 403);
  EXPECT_EQ(http_->request("POST", "/api/v1/auth/logout", Json::object(), right).status, 200);
  EXPECT_EQ(http_->request("GET", "/api/v1/auth/me", std::nullopt, with_cookie).status, 401);
}

TEST_F(AuthTest, StaticAdminToken) {
  auto me = as(kAdminToken, "GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.data().at("user").at("role"), "admin");
  EXPECT_EQ(as(kAdminToken, "DELETE", "/api/v1/sessions/0123456789abcdef01234567").status, 404);
  std::string almost = kAdminToken;
  almost.back() = 'X';
  EXPECT_EQ(as(almost, "GET", "/api/v1/users").status, 401);
  // As a cookie it is not accepted: it is for automation only.
  EXPECT_EQ(
      http_->request("GET", "/api/v1/users", std::nullopt, {{"Cookie", std::string("admit_session=") + kAdminToken}})
          .status,
      401);
}

TEST_F(AuthTest, AccountsApi) {
  auto id = create_user("alice", "staff");
  auto list = as(kAdminToken, "GET", "/api/v1/users");
  ASSERT_EQ(list.status, 200);
  bool found = false;
  for (const auto& u : list.data()) {
    EXPECT_FALSE(u.contains("passwordHash"));
    if (u.at("username") == "alice") {
      found = true;
      EXPECT_EQ(u.at("role"), "staff");
      EXPECT_EQ(u.at("disabled"), false);
    }
  }
  EXPECT_TRUE(found);

  // Duplicates (ignoring case), bad roles, short passwords, bad names.
  EXPECT_EQ(
      as(kAdminToken, "POST", "/api/v1/users", Json{{"username", "ALICE"}, {"password", kPassword}, {"role", "staff"}})
          .status,
      409);
  EXPECT_EQ(
      as(kAdminToken, "POST", "/api/v1/users", Json{{"username", "bob"}, {"password", kPassword}, {"role", "root"}})
          .status,
      400);
  auto weak =
      as(kAdminToken, "POST", "/api/v1/users", Json{{"username", "bob"}, {"password", "short"}, {"role", "staff"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.body.at("errors").at(0).at("field"), "password");
  EXPECT_EQ(
      as(kAdminToken, "POST", "/api/v1/users", Json{{"username", "a b"}, {"password", kPassword}, {"role", "staff"}})
          .status,
      400);

  // A role change applies to tokens already issued.
  std::string token = token_of("alice");
  auto verify = Json{{"qrCode", "QR-NOSUCHTICKET"}, {"sessionId", "0123456789abcdef01234567"}};
  EXPECT_EQ(as(token, "POST", "/api/v1/checkin/verify-qr", verify).status, 404);
  EXPECT_EQ(as(kAdminToken, "PATCH", "/api/v1/users/" + id, Json{{"role", "viewer"}}).status, 200);
  EXPECT_EQ(as(token, "POST", "/api/v1/checkin/verify-qr", verify).status, 403);

  // Disabling refuses the account's tokens and sign-ins; enabling allows sign-in again.
  EXPECT_EQ(as(kAdminToken, "PATCH", "/api/v1/users/" + id, Json{{"disabled", true}}).status, 200);
  EXPECT_EQ(as(token, "GET", "/api/v1/sessions").status, 401);
  auto refused = login("alice");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.body.value("message", ""), "Account is disabled");
  EXPECT_EQ(as(kAdminToken, "PATCH", "/api/v1/users/" + id, Json{{"disabled", false}}).status, 200);
  token = token_of("alice");

  // A new password revokes the old tokens.
  EXPECT_EQ(as(kAdminToken, "PATCH", "/api/v1/users/" + id, Json{{"password", "another long secret"}}).status, 200);
  EXPECT_EQ(as(token, "GET", "/api/v1/sessions").status, 401);
  EXPECT_EQ(login("alice").status, 401);
  token = token_of("alice", "another long secret");

  // Revoking tokens by hand (a lost phone).
  auto revoked = as(kAdminToken, "POST", "/api/v1/users/" + id + "/revoke-tokens", Json::object());
  EXPECT_EQ(revoked.status, 200) << revoked.raw;
  EXPECT_EQ(revoked.data().at("revoked"), 1);
  EXPECT_EQ(as(token, "GET", "/api/v1/sessions").status, 401);

  // Removing.
  token = token_of("alice", "another long secret");
  EXPECT_EQ(as(kAdminToken, "DELETE", "/api/v1/users/" + id).status, 200);
  EXPECT_EQ(as(token, "GET", "/api/v1/sessions").status, 401);
  EXPECT_EQ(as(kAdminToken, "DELETE", "/api/v1/users/" + id).status, 404);
  EXPECT_EQ(as(kAdminToken, "PATCH", "/api/v1/users/xyz", Json{{"disabled", true}}).status, 400);
}

TEST_F(AuthTest, TheLastAdminCannotBeLockedOut) {
  // matrix-admin is the only admin account (the static token is not an account).
  auto list = as(kAdminToken, "GET", "/api/v1/users");
  std::string id;
  for (const auto& u : list.data())
    if (u.at("username") == "matrix-admin") id = u.at("id");
  ASSERT_FALSE(id.empty());
  auto demote = as(kAdminToken, "PATCH", "/api/v1/users/" + id, Json{{"role", "staff"}});
  EXPECT_EQ(demote.status, 400) << demote.raw;
  EXPECT_EQ(as(kAdminToken, "PATCH", "/api/v1/users/" + id, Json{{"disabled", true}}).status, 400);
  EXPECT_EQ(as(kAdminToken, "DELETE", "/api/v1/users/" + id).status, 400);
  auto second = create_user("second-admin", "admin");
  EXPECT_EQ(as(kAdminToken, "DELETE", "/api/v1/users/" + second).status, 200);
}

TEST_F(AuthTest, TheDevResetKeepsAccounts) {
  std::string token = token_of("matrix-viewer");
  ASSERT_EQ(as(kAdminToken, "POST", "/api/v1/_dev/reset", Json::object()).status, 200);
  EXPECT_EQ(as(token, "GET", "/api/v1/sessions").status, 200);
}

TEST(AuthRestart, TokensSurviveARestart) {
  auto server = start_auth_server();
  HttpClient http(server->port());
  ASSERT_EQ(http.request("POST", "/api/v1/users",
                         Json{{"username", "carol"}, {"password", kPassword}, {"role", "viewer"}}, bearer(kAdminToken))
                .status,
            201);
  auto reply = http.post("/api/v1/auth/login", Json{{"username", "carol"}, {"password", kPassword}});
  ASSERT_EQ(reply.status, 200);
  std::string token = reply.data().at("token");
  ASSERT_EQ(server->stop(), 0);
  server->start();
  HttpClient again(server->port());
  auto me = again.request("GET", "/api/v1/auth/me", std::nullopt, bearer(token));
  EXPECT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.data().at("user").at("username"), "carol");
  // Only hashes are stored: the token itself is nowhere in the data file.
  EXPECT_EQ(read_file(server->data_dir() / "admit.db").find(token), std::string::npos);
}

TEST(AuthSetup, FirstStartPrintsAOneTimeSetupLink) {
  auto log = std::filesystem::temp_directory_path() / ("admit-setup-log-" + std::to_string(getpid()));
  std::filesystem::remove(log);
  setenv("ADMIT_TEST_STDERR", log.c_str(), 1);
  ServerProcess server({"--auth", "on"});
  unsetenv("ADMIT_TEST_STDERR");
  HttpClient http(server.port());

  auto status = http.get("/api/v1/auth/status");
  ASSERT_EQ(status.status, 200) << status.raw;
  EXPECT_EQ(status.data().at("authEnabled"), true);
  EXPECT_EQ(status.data().at("setupRequired"), true);

  std::smatch m;
  std::string text = read_file(log);
  ASSERT_TRUE(std::regex_search(
      text, m,
      std::regex("http://127\\.0\\.0\\.1:" + std::to_string(server.port()) + "/setup\\?token=([A-Za-z0-9_-]{43})")))
      << text;
  std::string token = m[1];

  Json body = {{"token", token.substr(0, 42) + "A"}, {"username", "root"}, {"password", kPassword}};
  if (token.back() == 'A') body["token"] = token.substr(0, 42) + "B";
  EXPECT_EQ(http.post("/api/v1/auth/setup", body).status, 403);
  body["token"] = token;
  body["password"] = "short";
  EXPECT_EQ(http.post("/api/v1/auth/setup", body).status, 400);  // the token is not spent on bad input
  body["password"] = kPassword;
  auto done = http.post("/api/v1/auth/setup", body);
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.data().at("user").at("role"), "admin");
  std::string session = done.data().at("token");
  EXPECT_EQ(http.request("GET", "/api/v1/users", std::nullopt, bearer(session)).status, 200);
  // Once only.
  body["username"] = "intruder";
  EXPECT_EQ(http.post("/api/v1/auth/setup", body).status, 403);
  EXPECT_EQ(http.get("/api/v1/auth/status").data().at("setupRequired"), false);
  std::filesystem::remove(log);
}

TEST(AuthThrottle, FailedSignInsAreRateLimitedPerAddressAndName) {
  auto server = start_auth_server();
  HttpClient http(server->port());
  auto admin = bearer(kAdminToken);
  ASSERT_EQ(http.request("POST", "/api/v1/users",
                         Json{{"username", "dave"}, {"password", kPassword}, {"role", "staff"}}, admin)
                .status,
            201);
  auto pin = [&](const std::string& iso) {
    ASSERT_EQ(http.request("POST", "/api/v1/_test/clock", Json{{"now", iso}}, admin).status, 200);
  };
  pin(iso_from_now(0));
  auto attempt = [&](const std::string& password) {
    return http.post("/api/v1/auth/login", Json{{"username", "dave"}, {"password", password}});
  };
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt("guess " + std::to_string(i)).status, 401);
  auto limited = attempt(kPassword);  // even the right password, now
  EXPECT_EQ(limited.status, 429) << limited.raw;
  int retry = std::stoi(limited.header("retry-after"));
  EXPECT_GT(retry, 800);
  EXPECT_LE(retry, 900);
  // Another name from the same address is limited too.
  EXPECT_EQ(http.post("/api/v1/auth/login", Json{{"username", "erin"}, {"password", "x"}}).status, 429);

  pin(iso_from_now(14));
  EXPECT_EQ(attempt(kPassword).status, 429);
  pin(iso_from_now(16));
  auto ok = attempt(kPassword);
  EXPECT_EQ(ok.status, 200) << ok.raw;
}

class UserCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = start_auth_server();
    http_ = std::make_unique<HttpClient>(server_->port());
  }
  std::pair<int, std::string> admit_user(const std::string& args, const std::string& password = {}) {
    std::string command =
        std::string(ADMIT_BINARY) + " user " + args + " --data '" + server_->data_dir().string() + "'";
    if (!password.empty()) command = "printf '%s\\n' '" + password + "' | " + command + " --password-stdin";
    return shell(command);
  }
  Reply login(const std::string& name, const std::string& password) {
    return http_->post("/api/v1/auth/login", Json{{"username", name}, {"password", password}});
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(UserCommandTest, AddListPasswdRemoveWhileServing) {
  auto [added, add_out] = admit_user("add frank --role staff", kPassword);
  ASSERT_EQ(added, 0) << add_out;
  auto first = login("frank", kPassword);
  ASSERT_EQ(first.status, 200) << first.raw;
  EXPECT_EQ(first.data().at("user").at("role"), "staff");
  std::string token = first.data().at("token");

  auto [dup, dup_out] = admit_user("add FRANK --role admin", kPassword);
  EXPECT_EQ(dup, 1) << dup_out;
  auto [weak, weak_out] = admit_user("add gina --role staff", "short");
  EXPECT_EQ(weak, 2) << weak_out;
  auto [bad_role, bad_role_out] = admit_user("add gina --role root", kPassword);
  EXPECT_NE(bad_role, 0) << bad_role_out;

  auto [listed, list_out] = admit_user("list");
  EXPECT_EQ(listed, 0);
  EXPECT_NE(list_out.find("frank"), std::string::npos) << list_out;
  EXPECT_NE(list_out.find("staff"), std::string::npos) << list_out;

  // passwd revokes the tokens; the running server notices within its sync interval.
  auto [changed, changed_out] = admit_user("passwd frank", "a brand new secret");
  ASSERT_EQ(changed, 0) << changed_out;
  EXPECT_EQ(login("frank", kPassword).status, 401);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int status = 200;
  while (status == 200 && std::chrono::steady_clock::now() < deadline) {
    status = http_->request("GET", "/api/v1/sessions", std::nullopt, bearer(token)).status;
    if (status == 200) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(status, 401);
  token = login("frank", "a brand new secret").data().at("token");

  auto [removed, removed_out] = admit_user("remove frank");
  ASSERT_EQ(removed, 0) << removed_out;
  EXPECT_EQ(login("frank", "a brand new secret").status, 401);
  auto [again, again_out] = admit_user("remove frank");
  EXPECT_EQ(again, 1) << again_out;
}

TEST(AuthOff, EveryRouteIsOpenAndMeIsAnAnonymousAdmin) {
  ServerProcess server;  // the default: --auth off, as every route test runs
  HttpClient http(server.port());
  auto me = http.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.data().at("user").at("username"), "anonymous");
  EXPECT_EQ(me.data().at("user").at("role"), "admin");
  EXPECT_EQ(me.data().at("user").at("id"), "");
  EXPECT_EQ(me.data().at("authEnabled"), false);
  auto status = http.get("/api/v1/auth/status");
  EXPECT_EQ(status.data().at("authEnabled"), false);
  EXPECT_EQ(status.data().at("setupRequired"), false);
  EXPECT_EQ(http.get("/api/v1/users").status, 200);
  Json body = {{"name", "Open"}, {"startTime", iso_from_now(-5)}, {"endTime", iso_from_now(60)}};
  EXPECT_EQ(http.post("/api/v1/sessions", body).status, 201);
  // Credentials are ignored, even wrong ones.
  EXPECT_EQ(http.request("GET", "/api/v1/sessions", std::nullopt, bearer("whatever")).status, 200);
}

}  // namespace
}  // namespace admit::test
