#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "http/asio.hpp"
#include "http/json.hpp"
#include "http/principal.hpp"
#include "http/token_index.hpp"

namespace admit {

inline constexpr std::string_view kSessionCookie = "admit_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

struct AuthOptions {
  bool enabled = true;
  std::string admin_token;  // ADMIT_ADMIN_TOKEN; empty: none
};

// Step 5 of the request pipeline: who sends the request (bearer token, else the session cookie;
// ADMIT_ADMIN_TOKEN as a bearer) and whether they may use the route. Costs a hash and an
// in-memory lookup (TokenIndex), never a database round trip. Also used by the Socket.IO
// handshake. With access control off everyone is an anonymous admin.
class Authenticator {
 public:
  Authenticator(AuthOptions options, TokenIndex& index, const Clock& clock);

  bool enabled() const { return options_.enabled; }
  Principal identify(const HttpRequest& request) const;
  // A raw token from elsewhere (the Socket.IO CONNECT packet's auth.token).
  Principal identify_token(std::string_view token, AuthMethod method) const;
  // nullopt when `principal` may call a route needing `required`; else the 401 or 403. Cookie-
  // authenticated writes must repeat the token's CSRF token in X-CSRF-Token.
  std::optional<Error> authorize(const Principal& principal, Role required, const HttpRequest& request) const;
  // The Socket.IO handshake: `auth.token` of the CONNECT packet, else the session cookie of the
  // Engine.IO handshake request. Empty when admitted, else why not.
  std::optional<std::string> admit_socket(const Json& auth, std::string_view cookie_header) const;

  static Principal anonymous_admin();

 private:
  AuthOptions options_;
  std::string admin_token_hash_;
  TokenIndex& index_;
  const Clock& clock_;
};

// The value of cookie `name` in a Cookie header, if present.
std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name);

}  // namespace admit
