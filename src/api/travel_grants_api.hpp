#pragma once

#include "api/api_context.hpp"
#include "domain/travel_grant_service.hpp"
#include "http/router.hpp"

namespace admit {

// The travel-grant routes under /api/v1/participants (P7-P9, P12, P16, P25-P28, P32).
class TravelGrantsApi {
 public:
  TravelGrantsApi(ApiContext& api, TravelGrantService& grants) : api_(api), grants_(grants) {}
  // Holds static paths (/participants/travel-grants...): call before ParticipantsApi::register_id_routes.
  void register_routes(Router& router);

 private:
  Task<HttpResponse> applications(RequestContext& ctx);
  Task<HttpResponse> stats(RequestContext& ctx);
  Task<HttpResponse> applicants(RequestContext& ctx);
  Task<HttpResponse> search(RequestContext& ctx);
  Task<HttpResponse> qualification(RequestContext& ctx);
  Task<HttpResponse> apply(RequestContext& ctx);
  Task<HttpResponse> decide(RequestContext& ctx);
  Task<HttpResponse> approve(RequestContext& ctx);
  Task<HttpResponse> reject(RequestContext& ctx);
  Task<HttpResponse> details(RequestContext& ctx);
  Task<HttpResponse> decide_as(RequestContext& ctx, bool approved, bhttp::status status);

  ApiContext& api_;
  TravelGrantService& grants_;
};

}  // namespace admit
