#pragma once

#include "api/api_context.hpp"
#include "domain/ambassador_service.hpp"
#include "http/router.hpp"

namespace admit {

// The ambassador routes under /api/v1/participants (P6, P10, P11, P15, P20-P24, P29-P31).
class AmbassadorsApi {
 public:
  AmbassadorsApi(ApiContext& api, AmbassadorService& ambassadors) : api_(api), ambassadors_(ambassadors) {}
  // Holds static paths (/participants/ambassadors...): call before ParticipantsApi::register_id_routes.
  void register_routes(Router& router);

 private:
  Task<HttpResponse> leaderboard(RequestContext& ctx);
  Task<HttpResponse> list(RequestContext& ctx);
  Task<HttpResponse> search(RequestContext& ctx);
  Task<HttpResponse> sync_all_referrals(RequestContext& ctx);
  Task<HttpResponse> activity(RequestContext& ctx);
  Task<HttpResponse> details(RequestContext& ctx);
  Task<HttpResponse> calculate_points(RequestContext& ctx);
  Task<HttpResponse> add_referred(RequestContext& ctx);
  Task<HttpResponse> remove_referred(RequestContext& ctx);
  Task<HttpResponse> sync_referrals(RequestContext& ctx);
  Task<HttpResponse> promote(RequestContext& ctx);
  Task<HttpResponse> demote(RequestContext& ctx);

  ApiContext& api_;
  AmbassadorService& ambassadors_;
};

}  // namespace admit
