#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/checkin (singular, as the reference): the door (C1-C13).
class CheckinApi {
 public:
  explicit CheckinApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> verify_qr(RequestContext& ctx);
  Task<HttpResponse> accept(RequestContext& ctx);
  Task<HttpResponse> decline(RequestContext& ctx);
  Task<HttpResponse> attempts(RequestContext& ctx);
  Task<HttpResponse> attempt_stats(RequestContext& ctx);
  Task<HttpResponse> create(RequestContext& ctx);
  Task<HttpResponse> by_qr(RequestContext& ctx);
  Task<HttpResponse> list(RequestContext& ctx);
  Task<HttpResponse> stats(RequestContext& ctx);
  Task<HttpResponse> recent(RequestContext& ctx);
  Task<HttpResponse> is_checked_in(RequestContext& ctx);
  Task<HttpResponse> get(RequestContext& ctx);
  Task<HttpResponse> remove(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
