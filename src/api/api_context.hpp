#pragma once

#include <boost/asio/thread_pool.hpp>
#include <string>

#include "domain/check_in_service.hpp"
#include "domain/clock.hpp"
#include "domain/participant_service.hpp"
#include "domain/qr_code_generator.hpp"
#include "domain/registration_service.hpp"
#include "domain/session_service.hpp"
#include "http/asio.hpp"
#include "storage/database.hpp"

namespace admit {

// What the resource handlers share: storage, time, the domain services and a pool for CPU-bound
// rendering (QR images) that must not run on an I/O thread.
struct ApiContext {
  Database& db;
  const Clock& clock;
  asio::thread_pool& workers;
  SessionService& sessions;
  ParticipantService& participants;
  RegistrationService& registrations;
  CheckInService& check_ins;
  TimePoint started_at;
  std::string database_name;
};

}  // namespace admit
