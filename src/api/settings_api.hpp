#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/settings: the event-wide timing the scheduler and late detection use.
class SettingsApi {
 public:
  explicit SettingsApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> get_all(RequestContext& ctx);
  Task<HttpResponse> get_timing(RequestContext& ctx);
  Task<HttpResponse> put_timing(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
