#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/reports (contract §3.5 RP1-RP4): JSON reports, and real .xlsx / CSV downloads when
// `format` asks for one, rendered on the worker pool.
class ReportsApi {
 public:
  explicit ReportsApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> attendance(RequestContext& ctx);
  Task<HttpResponse> session_report(RequestContext& ctx);
  Task<HttpResponse> statistics(RequestContext& ctx);
  Task<HttpResponse> sessions_sheets(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
