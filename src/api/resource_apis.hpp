#pragma once

#include "api/ambassadors_api.hpp"
#include "api/api_context.hpp"
#include "api/bulk_api.hpp"
#include "api/checkin_api.hpp"
#include "api/exports_api.hpp"
#include "api/health_api.hpp"
#include "api/participants_api.hpp"
#include "api/registrations_api.hpp"
#include "api/reports_api.hpp"
#include "api/sessions_api.hpp"
#include "api/settings_api.hpp"
#include "api/travel_grants_api.hpp"
#include "domain/ambassador_service.hpp"
#include "domain/participant_import.hpp"
#include "domain/travel_grant_service.hpp"
#include "http/router.hpp"

namespace admit {

// The reference's resources (sessions, participants, registrations, check-in, reports, bulk,
// health, settings) and the services only they use, registered in the one order that matters:
// static paths such as /participants/ambassadors before /participants/:id. `admit serve` and the
// HTTP fuzz target both serve exactly this set.
class ResourceApis {
 public:
  explicit ResourceApis(ApiContext& api);
  void register_routes(Router& router);

 private:
  AmbassadorService ambassadors_;
  TravelGrantService travel_grants_;
  ParticipantImportService importer_;
  SessionsApi sessions_;
  ParticipantsApi participants_;
  AmbassadorsApi ambassadors_api_;
  TravelGrantsApi travel_grants_api_;
  RegistrationsApi registrations_;
  CheckinApi checkin_;
  ReportsApi reports_;
  ExportsApi exports_;
  HealthApi health_;
  BulkApi bulk_;
  SettingsApi settings_;
};

}  // namespace admit
