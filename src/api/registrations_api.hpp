#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/registrations (R1-R6).
class RegistrationsApi {
 public:
  explicit RegistrationsApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> create(RequestContext& ctx);
  Task<HttpResponse> list(RequestContext& ctx);
  Task<HttpResponse> stats(RequestContext& ctx);
  Task<HttpResponse> get(RequestContext& ctx);
  Task<HttpResponse> update(RequestContext& ctx);
  Task<HttpResponse> remove(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
