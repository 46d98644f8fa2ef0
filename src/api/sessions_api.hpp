#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/sessions (the reference's S1-S11).
class SessionsApi {
 public:
  explicit SessionsApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> create(RequestContext& ctx);
  Task<HttpResponse> list(RequestContext& ctx);
  Task<HttpResponse> stats(RequestContext& ctx);
  Task<HttpResponse> upcoming(RequestContext& ctx);
  Task<HttpResponse> get(RequestContext& ctx);
  Task<HttpResponse> update(RequestContext& ctx);
  Task<HttpResponse> remove(RequestContext& ctx);
  Task<HttpResponse> toggle_open(RequestContext& ctx);
  Task<HttpResponse> bulk_create(RequestContext& ctx);
  Task<HttpResponse> participants(RequestContext& ctx);
  Task<HttpResponse> check_ins(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
