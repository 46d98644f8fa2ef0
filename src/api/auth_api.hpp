#pragma once

#include "api/api_context.hpp"
#include "api/auth_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/auth: status, first-start setup, sign-in (bearer token + session cookie), sign-out and
// "who am I".
class AuthApi {
 public:
  AuthApi(ApiContext& api, AuthContext& auth) : api_(api), auth_(auth) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> status(RequestContext& ctx);
  Task<HttpResponse> setup(RequestContext& ctx);
  Task<HttpResponse> login(RequestContext& ctx);
  Task<HttpResponse> logout(RequestContext& ctx);
  Task<HttpResponse> me(RequestContext& ctx);
  // The sign-in answer: the token in the body and in the session cookie.
  HttpResponse signed_in(const RequestContext& ctx, const User& user, const IssuedToken& issued,
                         std::string_view message) const;
  HttpResponse too_many(const RequestContext& ctx, std::chrono::seconds retry_after) const;

  ApiContext& api_;
  AuthContext& auth_;
};

}  // namespace admit
