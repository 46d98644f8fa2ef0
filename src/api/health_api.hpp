#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/health (H1-H3). Unlike the reference, the database is actually probed, and a failed
// probe answers 503 so that load balancers and orchestrators take the instance out.
class HealthApi {
 public:
  explicit HealthApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<bool> database_ok();
  Task<HttpResponse> health(RequestContext& ctx);
  Task<HttpResponse> live(RequestContext& ctx);
  Task<HttpResponse> ready(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
