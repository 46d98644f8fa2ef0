#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// The two downloads of /api/v1/bulk (contract §3.6): the participants template (B1) and a
// session's export (B5). The uploads (B2-B4) are BulkApi's.
class ExportsApi {
 public:
  explicit ExportsApi(ApiContext& api) : api_(api) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> participants_template(RequestContext& ctx);
  Task<HttpResponse> session_export(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
