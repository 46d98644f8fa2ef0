#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/participants: CRUD, search, lookup by QR code, ticket images and stats (P1-P5,
// P13, P14, P17-P19). Ambassador and travel-grant routes live elsewhere.
class ParticipantsApi {
 public:
  explicit ParticipantsApi(ApiContext& api) : api_(api) {}
  // Static paths first; call register_id_routes() after every other static participants route.
  void register_routes(Router& router);
  void register_id_routes(Router& router);

 private:
  Task<HttpResponse> create(RequestContext& ctx);
  Task<HttpResponse> list(RequestContext& ctx);
  Task<HttpResponse> generate_qr(RequestContext& ctx);
  Task<HttpResponse> stats(RequestContext& ctx);
  Task<HttpResponse> by_qr(RequestContext& ctx);
  Task<HttpResponse> bulk_create(RequestContext& ctx);
  Task<HttpResponse> get(RequestContext& ctx);
  Task<HttpResponse> details(RequestContext& ctx);
  Task<HttpResponse> update(RequestContext& ctx);
  Task<HttpResponse> remove(RequestContext& ctx);

  ApiContext& api_;
};

}  // namespace admit
