#include "api/resource_apis.hpp"

namespace admit {

ResourceApis::ResourceApis(ApiContext& api)
    : importer_(api.participants, api.registrations),
      sessions_(api),
      participants_(api),
      ambassadors_api_(api, ambassadors_),
      travel_grants_api_(api, travel_grants_),
      registrations_(api),
      checkin_(api),
      reports_(api),
      exports_(api),
      health_(api),
      bulk_(api, importer_),
      settings_(api) {}

void ResourceApis::register_routes(Router& router) {
  sessions_.register_routes(router);
  participants_.register_routes(router);
  // Their static paths (/participants/ambassadors, /participants/travel-grants) must win over /:id.
  ambassadors_api_.register_routes(router);
  travel_grants_api_.register_routes(router);
  participants_.register_id_routes(router);
  registrations_.register_routes(router);
  checkin_.register_routes(router);
  reports_.register_routes(router);
  exports_.register_routes(router);
  bulk_.register_routes(router);
  health_.register_routes(router);
  settings_.register_routes(router);
}

}  // namespace admit
