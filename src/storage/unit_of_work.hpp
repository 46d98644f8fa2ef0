#pragma once

#include "domain/domain_event.hpp"
#include "storage/attempt_repository.hpp"
#include "storage/check_in_repository.hpp"
#include "storage/idempotency_repository.hpp"
#include "storage/participant_repository.hpp"
#include "storage/registration_repository.hpp"
#include "storage/session_repository.hpp"
#include "storage/settings_repository.hpp"
#include "storage/token_repository.hpp"
#include "storage/user_repository.hpp"

namespace admit {

// One transaction's view of every repository. Everything done through one UnitOfWork commits or
// rolls back together, and the events it emits are published only once it has committed.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual SessionRepository& sessions() = 0;
  virtual ParticipantRepository& participants() = 0;
  virtual RegistrationRepository& registrations() = 0;
  virtual CheckInRepository& check_ins() = 0;
  virtual AttemptRepository& attempts() = 0;
  virtual SettingsRepository& settings() = 0;
  virtual UserRepository& users() = 0;
  virtual TokenRepository& tokens() = 0;
  virtual IdempotencyRepository& idempotency() = 0;
  virtual void emit(DomainEvent event) = 0;
  // Deletes the event's data (the development reset route); accounts and tokens stay, so that a
  // client's test suite keeps its login across resets.
  virtual void wipe_all() = 0;
};

}  // namespace admit
