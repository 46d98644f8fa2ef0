#pragma once

#include "api/api_context.hpp"
#include "api/auth_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/users: accounts, for admins. Changing a password, disabling or removing an account
// revokes its tokens at once (here and, through the database, on every server).
class UsersApi {
 public:
  UsersApi(ApiContext& api, AuthContext& auth) : api_(api), auth_(auth) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> list(RequestContext& ctx);
  Task<HttpResponse> create(RequestContext& ctx);
  Task<HttpResponse> update(RequestContext& ctx);
  Task<HttpResponse> remove(RequestContext& ctx);
  Task<HttpResponse> revoke_tokens(RequestContext& ctx);

  ApiContext& api_;
  AuthContext& auth_;
};

}  // namespace admit
