#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "api/api_context.hpp"
#include "api/auth_api.hpp"
#include "api/auth_context.hpp"
#include "api/users_api.hpp"
#include "app/config.hpp"
#include "app/token_sync.hpp"
#include "http/authenticator.hpp"
#include "http/login_throttle.hpp"
#include "http/password_hasher.hpp"
#include "http/setup_token.hpp"
#include "http/token_index.hpp"

namespace admit {

class SioNamespace;

// Accounts, tokens and the access policy of a running server, wired together: the token index
// (loaded from storage at construction), the authenticator the pipeline and the Socket.IO
// handshake call, the /auth and /users routes, the first-start setup link and the token sync.
class AccessControl {
 public:
  AccessControl(const Config& config, ApiContext& api, ObjectIdGenerator& ids, RandomSource& random);

  const Authenticator& authenticator() const { return authenticator_; }
  void register_routes(Router& router);
  // After every route is registered: assigns each route its role, logs routes the policy misses.
  void apply_policy(Router& router);
  // Refuses CONNECTs to `nsp` without a valid token (auth.token or the session cookie).
  void guard(SioNamespace& nsp) const;
  // Once listening: the loud warning (auth off) or the setup link (no account yet); token sync.
  void start(asio::io_context& io, const std::string& host, std::uint16_t port);
  void stop();

 private:
  Task<HttpResponse> list_policy(RequestContext& ctx);

  const Config& config_;
  ApiContext& api_;
  TokenIndex index_;
  PasswordHasher hasher_;
  LoginThrottle throttle_;
  SetupToken setup_;
  Authenticator authenticator_;
  AuthContext auth_;
  AuthApi auth_api_;
  UsersApi users_api_;
  const Router* router_ = nullptr;
  std::unique_ptr<TokenSync> sync_;
};

}  // namespace admit
