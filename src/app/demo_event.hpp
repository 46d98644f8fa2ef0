#pragma once

#include "domain/participant_service.hpp"
#include "domain/registration_service.hpp"
#include "domain/session_service.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct DemoSummary {
  int sessions = 0;
  int participants = 0;
  int registrations = 0;
};

// A two-day conference around `now`: the opening keynote is open for check-in at once, workshops
// are invite-only with small rooms, 50 participants hold QR tickets and some are registered.
DemoSummary seed_demo_event(UnitOfWork& uow, SessionService& sessions, ParticipantService& participants,
                            RegistrationService& registrations, TimePoint now);

// True when the store holds no sessions and no participants.
bool store_is_empty(UnitOfWork& uow);

}  // namespace admit
