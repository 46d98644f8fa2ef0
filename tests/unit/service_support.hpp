#pragma once

// The domain services over a real SQLite file, with helpers that build the sessions,
// participants and registrations a test needs.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "domain/check_in_service.hpp"
#include "domain/participant_service.hpp"
#include "domain/qr_code_generator.hpp"
#include "domain/registration_service.hpp"
#include "domain/session_service.hpp"
#include "unit_support.hpp"

namespace admit {

struct SessionSpec {
  std::string name = "Workshop A";
  bool open = true;
  int capacity = 0;
  bool enforced = true;
  bool requires_registration = false;
  TimePoint start = at_minutes(0);
  TimePoint end = at_minutes(60);
  std::optional<int> late_threshold;
  std::optional<int> auto_open;
  std::optional<int> auto_end_grace;
};

class ServiceTest : public StoreTest {
 protected:
  ServiceTest() : qr_(qr_random_), sessions_(ids_), participants_(ids_, qr_), registrations_(ids_), door_(ids_) {}

  Session make_session(const SessionSpec& spec = {}) {
    SessionFields f;
    f.name = spec.name;
    f.start_time = spec.start;
    f.end_time = spec.end;
    f.is_open = spec.open;
    f.capacity = spec.capacity;
    f.capacity_enforced = spec.enforced;
    f.requires_registration = spec.requires_registration;
    f.late_threshold_minutes = spec.late_threshold;
    f.auto_open_minutes_before = spec.auto_open;
    f.auto_end_grace_minutes = spec.auto_end_grace;
    auto created = sessions_.create(uow_, f, at_minutes(-120));
    EXPECT_TRUE(created.ok());
    uow_.take_events();
    return created.ok() ? created.value() : Session{};
  }

  Participant make_participant(const std::string& name, const std::string& email, bool active = true) {
    ParticipantFields f;
    f.name = name;
    f.email = email;
    f.is_active = active;
    auto created = participants_.create(uow_, f, at_minutes(-120));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created.value() : Participant{};
  }

  Registration register_as(const Participant& p, const Session& s, RegistrationStatus status) {
    auto created = registrations_.create(uow_, {p.id, s.id, status, std::nullopt}, at_minutes(-60));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created.value() : Registration{};
  }

  CheckInRequest request(const Participant& p, const Session& s) {
    CheckInRequest r;
    r.participant_id = p.id;
    r.session_id = s.id;
    return r;
  }

  Session stored(const Session& s) { return uow_.sessions().find(s.id).value(); }
  int rows_for(const Session& s) { return uow_.check_ins().count_for_session(s.id); }

  // A well-formed id that no row has.
  static constexpr const char* kMissingId = "65a0c0ffee0000000000ffff";

  CountingRandom qr_random_;
  QrCodeGenerator qr_;
  SessionService sessions_;
  ParticipantService participants_;
  RegistrationService registrations_;
  CheckInService door_;
};

// Asserts that a Result failed with this kind and message.
template <class T>
::testing::AssertionResult fails_with(const Result<T>& result, ErrorKind kind, const std::string& message) {
  if (result.ok()) return ::testing::AssertionFailure() << "succeeded, expected: " << message;
  if (result.error().kind != kind) {
    return ::testing::AssertionFailure() << "kind " << static_cast<int>(result.error().kind) << " instead of "
                                         << static_cast<int>(kind) << " (" << result.error().message << ")";
  }
  if (result.error().message != message) {
    return ::testing::AssertionFailure() << "message \"" << result.error().message << "\" instead of \"" << message
                                         << "\"";
  }
  return ::testing::AssertionSuccess();
}

}  // namespace admit
