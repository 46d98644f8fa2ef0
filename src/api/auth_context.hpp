#pragma once

#include <boost/asio/thread_pool.hpp>
#include <chrono>

#include "domain/auth_token.hpp"
#include "domain/object_id.hpp"
#include "domain/random_source.hpp"
#include "domain/user.hpp"
#include "http/authenticator.hpp"
#include "http/json.hpp"
#include "http/login_throttle.hpp"
#include "http/password_hasher.hpp"
#include "http/setup_token.hpp"
#include "http/token_index.hpp"

namespace admit {

// What the sign-in and account handlers share.
struct AuthContext {
  TokenIndex& index;
  PasswordHasher& hasher;
  LoginThrottle& throttle;
  SetupToken& setup;
  const Authenticator& authenticator;
  ObjectIdGenerator& ids;
  RandomSource& random;
  bool cookie_secure = false;
  // A volunteer signs in once for the whole event; logout or an admin revokes earlier.
  std::chrono::hours token_lifetime = std::chrono::hours(24 * 7);
};

// A freshly issued token: the secret (shown once) and its stored form.
struct IssuedToken {
  std::string token;
  AuthToken stored;
  ActiveToken active;
};

IssuedToken issue_token(const AuthContext& auth, const User& user, TimePoint now);
// {id, username, role}
Json user_summary_json(const User& user);
// {id, username, role, disabled, createdAt, updatedAt}
Json user_json(const User& user);
// The Set-Cookie value that stores `token` in the browser, or (empty token) clears it.
std::string session_cookie(const std::string& token, std::chrono::seconds max_age, bool secure);

}  // namespace admit
