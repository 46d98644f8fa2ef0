#pragma once

#include <utility>
#include <vector>

#include "storage/sqlite/sqlite_attempt_repository.hpp"
#include "storage/sqlite/sqlite_check_in_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_idempotency_repository.hpp"
#include "storage/sqlite/sqlite_participant_repository.hpp"
#include "storage/sqlite/sqlite_registration_repository.hpp"
#include "storage/sqlite/sqlite_session_repository.hpp"
#include "storage/sqlite/sqlite_settings_repository.hpp"
#include "storage/sqlite/sqlite_token_repository.hpp"
#include "storage/sqlite/sqlite_user_repository.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

// The repositories of one connection. The storage thread that owns the connection decides where
// transactions begin and end; this class only collects the events of the job in progress.
class SqliteUnitOfWork : public UnitOfWork {
 public:
  explicit SqliteUnitOfWork(SqliteConnection& db);

  SessionRepository& sessions() override { return sessions_; }
  ParticipantRepository& participants() override { return participants_; }
  RegistrationRepository& registrations() override { return registrations_; }
  CheckInRepository& check_ins() override { return check_ins_; }
  AttemptRepository& attempts() override { return attempts_; }
  SettingsRepository& settings() override { return settings_; }
  UserRepository& users() override { return users_; }
  TokenRepository& tokens() override { return tokens_; }
  IdempotencyRepository& idempotency() override { return idempotency_; }
  void emit(DomainEvent event) override { events_.push_back(std::move(event)); }
  void wipe_all() override;

  std::vector<DomainEvent> take_events() { return std::exchange(events_, {}); }

 private:
  SqliteConnection& db_;
  SqliteSessionRepository sessions_;
  SqliteParticipantRepository participants_;
  SqliteRegistrationRepository registrations_;
  SqliteCheckInRepository check_ins_;
  SqliteAttemptRepository attempts_;
  SqliteSettingsRepository settings_;
  SqliteUserRepository users_;
  SqliteTokenRepository tokens_;
  SqliteIdempotencyRepository idempotency_;
  std::vector<DomainEvent> events_;
};

}  // namespace admit
