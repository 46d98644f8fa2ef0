#include "domain/check_in_service.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

#include "domain/timing_settings.hpp"
#include "service_support.hpp"

namespace admit {
namespace {

class CheckInServiceTest : public ServiceTest {
 protected:
  CheckInServiceTest() : jane_(make_participant("Jane Doe", "jane@example.com")) {}

  Participant jane_;
  const TimePoint now_ = at_minutes(5);
};

// --- accept ---------------------------------------------------------------------------------

TEST_F(CheckInServiceTest, AcceptRegisteredParticipant) {
  Session s = make_session({.capacity = 50});
  register_as(jane_, s, RegistrationStatus::kConfirmed);
  CheckInRequest r = request(jane_, s);
  r.checked_in_by = "Officer A";
  r.notes = "front door";
  r.method = CheckInMethod::kManual;  // accept always records a scan

  auto outcome = door_.accept(uow_, r, now_);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  const CheckIn& c = outcome->check_in;
  EXPECT_TRUE(is_object_id(c.id));
  EXPECT_EQ(c.participant_id, jane_.id);
  EXPECT_EQ(c.session_id, s.id);
  EXPECT_EQ(c.check_in_time, now_);
  EXPECT_EQ(c.method, CheckInMethod::kQr);
  EXPECT_EQ(c.checked_in_by, "Officer A");
  EXPECT_EQ(c.notes, "front door");
  EXPECT_FALSE(c.is_late);
  EXPECT_EQ(c.badge, CheckInBadge::kAccepted);
  EXPECT_TRUE(c.was_registered);
  EXPECT_TRUE(outcome->was_registered);
  EXPECT_EQ(outcome->capacity.capacity, 50);
  EXPECT_EQ(outcome->capacity.check_ins_count, 1);
  EXPECT_EQ(outcome->capacity.remaining, 49);
  EXPECT_EQ(outcome->capacity.percent_full, 2);
  EXPECT_FALSE(outcome->capacity.is_near_capacity);

  // What was stored is what was returned.
  auto row = uow_.check_ins().find(c.id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->method, CheckInMethod::kQr);
  EXPECT_EQ(row->badge, CheckInBadge::kAccepted);
  EXPECT_TRUE(row->was_registered);
  EXPECT_EQ(row->checked_in_by, "Officer A");
  EXPECT_EQ(stored(s).check_ins_count, 1);
  EXPECT_EQ(rows_for(s), 1);

  auto events = events_of<CheckInRecorded>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].check_in.id, c.id);
  EXPECT_EQ(events[0].participant_name, "Jane Doe");
  EXPECT_EQ(events[0].session_name, "Workshop A");
  EXPECT_EQ(events[0].capacity.check_ins_count, 1);
}

TEST_F(CheckInServiceTest, AcceptOverridesRequiredRegistrationAndSaysSo) {
  // The officer's accept admits an unregistered participant even to an invite-only session,
  // and the record says that it did.
  Session s = make_session({.requires_registration = true});
  auto outcome = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->check_in.badge, CheckInBadge::kAcceptedUnregistered);
  EXPECT_FALSE(outcome->check_in.was_registered);
  EXPECT_FALSE(outcome->was_registered);
  auto row = uow_.check_ins().find(outcome->check_in.id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->badge, CheckInBadge::kAcceptedUnregistered);
  EXPECT_FALSE(row->was_registered);
}

TEST_F(CheckInServiceTest, AcceptPendingRegistrationCountsAsUnregistered) {
  Session s = make_session({.requires_registration = true});
  register_as(jane_, s, RegistrationStatus::kPending);
  auto outcome = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->check_in.badge, CheckInBadge::kAcceptedUnregistered);
  EXPECT_FALSE(outcome->was_registered);
}

TEST_F(CheckInServiceTest, AcceptRequiresAnOpenSession) {
  Session s = make_session({.open = false});
  auto outcome = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(fails_with(outcome, ErrorKind::kBadRequest, "Session is not open for check-ins"));
  ASSERT_EQ(outcome.error().errors.size(), 1u);
  EXPECT_EQ(outcome.error().errors[0].field, "sessionId");
  EXPECT_EQ(outcome.error().errors[0].message, "Session is not open for check-ins");
  EXPECT_EQ(rows_for(s), 0);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(CheckInServiceTest, AcceptUnknownSessionOrParticipant) {
  Session s = make_session();
  EXPECT_TRUE(fails_with(door_.accept(uow_, {jane_.id, kMissingId}, now_), ErrorKind::kNotFound,
                         "Session with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_TRUE(fails_with(door_.accept(uow_, {kMissingId, s.id}, now_), ErrorKind::kNotFound,
                         "Participant with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_EQ(rows_for(s), 0);
}

TEST_F(CheckInServiceTest, UnknownSessionIsReportedBeforeUnknownParticipant) {
  EXPECT_TRUE(fails_with(door_.accept(uow_, {kMissingId, kMissingId}, now_), ErrorKind::kNotFound,
                         "Session with ID 65a0c0ffee0000000000ffff not found"));
}

TEST_F(CheckInServiceTest, AcceptTwiceIsAConflict) {
  Session s = make_session({.capacity = 10});
  ASSERT_TRUE(door_.accept(uow_, request(jane_, s), now_).ok());
  uow_.take_events();
  auto again = door_.accept(uow_, request(jane_, s), now_);
  EXPECT_TRUE(fails_with(again, ErrorKind::kConflict,
                         "CheckIn with participant-session \"Participant Jane Doe is already checked in to this "
                         "session\" already exists"));
  EXPECT_EQ(rows_for(s), 1);
  EXPECT_EQ(stored(s).check_ins_count, 1);
  EXPECT_TRUE(uow_.take_events().empty());
  // The direct route refuses the same way.
  EXPECT_EQ(door_.check_in(uow_, request(jane_, s), now_).error().kind, ErrorKind::kConflict);
}

TEST_F(CheckInServiceTest, AcceptRespectsCapacity) {
  Session s = make_session({.capacity = 2});
  Participant a = make_participant("A", "a@example.com");
  Participant b = make_participant("B", "b@example.com");
  ASSERT_TRUE(door_.accept(uow_, request(a, s), now_).ok());
  auto second = door_.accept(uow_, request(b, s), now_);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->capacity.remaining, 0);
  EXPECT_EQ(second->capacity.percent_full, 100);
  EXPECT_TRUE(second->capacity.is_near_capacity);
  EXPECT_TRUE(second->capacity.is_at_capacity);

  auto third = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(fails_with(third, ErrorKind::kBadRequest, "Session is at full capacity (2 participants)."));
  EXPECT_EQ(third.error().errors.at(0).field, "sessionId");
  EXPECT_EQ(rows_for(s), 2);
  EXPECT_EQ(stored(s).check_ins_count, 2);
}

TEST_F(CheckInServiceTest, DirectCheckInFullMessageHasTheLongerText) {
  Session s = make_session({.capacity = 1});
  Participant a = make_participant("A", "a@example.com");
  ASSERT_TRUE(door_.check_in(uow_, request(a, s), now_).ok());
  EXPECT_TRUE(fails_with(door_.check_in(uow_, request(jane_, s), now_), ErrorKind::kBadRequest,
                         "Session is at full capacity (1 participants). Cannot accept more check-ins."));
}

TEST_F(CheckInServiceTest, DuplicateIsReportedEvenWhenTheSessionIsFull) {
  // Someone already inside a full session is told they are inside, not that it is full.
  Session s = make_session({.capacity = 1});
  ASSERT_TRUE(door_.accept(uow_, request(jane_, s), now_).ok());
  EXPECT_EQ(door_.accept(uow_, request(jane_, s), now_).error().kind, ErrorKind::kConflict);
}

TEST_F(CheckInServiceTest, UnenforcedCapacityAllowsOverflow) {
  Session s = make_session({.capacity = 1, .enforced = false});
  Participant a = make_participant("A", "a@example.com");
  Participant b = make_participant("B", "b@example.com");
  ASSERT_TRUE(door_.accept(uow_, request(a, s), now_).ok());
  ASSERT_TRUE(door_.accept(uow_, request(b, s), now_).ok());
  auto third = door_.check_in(uow_, request(jane_, s), now_);
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_EQ(third->capacity.check_ins_count, 3);
  EXPECT_EQ(third->capacity.remaining, 0);
  EXPECT_EQ(third->capacity.percent_full, 300);
  EXPECT_EQ(stored(s).check_ins_count, 3);
}

TEST_F(CheckInServiceTest, UnlimitedSessionCountsWithoutALimit) {
  Session s = make_session({.capacity = 0});
  Participant a = make_participant("A", "a@example.com");
  ASSERT_TRUE(door_.accept(uow_, request(a, s), now_).ok());
  auto outcome = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->capacity.capacity, 0);
  EXPECT_EQ(outcome->capacity.check_ins_count, 2);
  EXPECT_EQ(outcome->capacity.remaining, -1);
  EXPECT_EQ(outcome->capacity.percent_full, 0);
  EXPECT_FALSE(outcome->capacity.is_near_capacity);
  EXPECT_EQ(stored(s).check_ins_count, 2);
}

TEST_F(CheckInServiceTest, InactiveParticipantIsRefused) {
  Session s = make_session();
  Participant gone = make_participant("Gone", "gone@example.com", false);
  for (auto call : {&CheckInService::accept, &CheckInService::check_in}) {
    auto outcome = (door_.*call)(uow_, request(gone, s), now_);
    ASSERT_TRUE(fails_with(outcome, ErrorKind::kBadRequest, "Participant is inactive and cannot be checked in"));
    EXPECT_EQ(outcome.error().errors.at(0).field, "participantId");
  }
  EXPECT_EQ(rows_for(s), 0);
}

// --- direct check-in ------------------------------------------------------------------------

TEST_F(CheckInServiceTest, CheckInDefaultsToManualAndRecordsRegistration) {
  Session s = make_session();
  auto outcome = door_.check_in(uow_, request(jane_, s), now_);
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->check_in.method, CheckInMethod::kManual);
  // Unlike the reference, an unregistered walk-in is not recorded as registered.
  EXPECT_EQ(outcome->check_in.badge, CheckInBadge::kAcceptedUnregistered);
  EXPECT_FALSE(outcome->check_in.was_registered);

  Participant bob = make_participant("Bob", "bob@example.com");
  register_as(bob, s, RegistrationStatus::kConfirmed);
  CheckInRequest r = request(bob, s);
  r.method = CheckInMethod::kQr;
  auto scanned = door_.check_in(uow_, r, now_);
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(scanned->check_in.method, CheckInMethod::kQr);
  EXPECT_EQ(scanned->check_in.badge, CheckInBadge::kAccepted);
  EXPECT_TRUE(scanned->was_registered);
}

TEST_F(CheckInServiceTest, InviteOnlyRefusesTheUnregistered) {
  Session s = make_session({.requires_registration = true});
  auto outcome = door_.check_in(uow_, request(jane_, s), now_);
  ASSERT_TRUE(fails_with(outcome, ErrorKind::kBadRequest,
                         "Participant is not registered for this session. This is an invite-only workshop."));
  EXPECT_EQ(outcome.error().errors.at(0).field, "participantId");
  EXPECT_EQ(rows_for(s), 0);
}

TEST_F(CheckInServiceTest, InviteOnlyRefusesUnconfirmedRegistrations) {
  Session s = make_session({.requires_registration = true});
  Registration r = register_as(jane_, s, RegistrationStatus::kPending);
  EXPECT_TRUE(fails_with(door_.check_in(uow_, request(jane_, s), now_), ErrorKind::kBadRequest,
                         "Registration status is \"pending\". Only confirmed registrations can check in."));
  ASSERT_TRUE(registrations_.update(uow_, r.id, RegistrationStatus::kCancelled, std::nullopt, now_).ok());
  EXPECT_TRUE(fails_with(door_.check_in(uow_, request(jane_, s), now_), ErrorKind::kBadRequest,
                         "Registration status is \"cancelled\". Only confirmed registrations can check in."));
  ASSERT_TRUE(registrations_.update(uow_, r.id, RegistrationStatus::kConfirmed, std::nullopt, now_).ok());
  auto admitted = door_.check_in(uow_, request(jane_, s), now_);
  ASSERT_TRUE(admitted.ok());
  EXPECT_EQ(admitted->check_in.badge, CheckInBadge::kAccepted);
  EXPECT_EQ(rows_for(s), 1);
}

TEST_F(CheckInServiceTest, ClosedSessionIsReportedBeforeRegistration) {
  Session s = make_session({.open = false, .requires_registration = true});
  EXPECT_TRUE(fails_with(door_.check_in(uow_, request(jane_, s), now_), ErrorKind::kBadRequest,
                         "Session is not open for check-ins"));
}

TEST_F(CheckInServiceTest, CheckInByQr) {
  Session s = make_session();
  CheckInRequest r;
  r.session_id = s.id;
  r.checked_in_by = "Door 2";
  auto outcome = door_.check_in_by_qr(uow_, jane_.qr_code, r, now_);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->check_in.participant_id, jane_.id);
  EXPECT_EQ(outcome->check_in.method, CheckInMethod::kQr);
  EXPECT_EQ(outcome->check_in.checked_in_by, "Door 2");

  EXPECT_TRUE(fails_with(door_.check_in_by_qr(uow_, "QR-NOPE", r, now_), ErrorKind::kNotFound,
                         "Participant with ID qrCode: QR-NOPE not found"));
  // Lookups are exact: the lowercase spelling of a code is another code.
  std::string lower = jane_.qr_code;
  for (auto& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(door_.check_in_by_qr(uow_, lower, r, now_).error().kind, ErrorKind::kNotFound);
}

TEST_F(CheckInServiceTest, CheckInByQrEnforcesInviteOnly) {
  Session s = make_session({.requires_registration = true});
  CheckInRequest r;
  r.session_id = s.id;
  EXPECT_TRUE(fails_with(door_.check_in_by_qr(uow_, jane_.qr_code, r, now_), ErrorKind::kBadRequest,
                         "Participant is not registered for this session. This is an invite-only workshop."));
}

// --- lateness -------------------------------------------------------------------------------

TEST_F(CheckInServiceTest, LatenessUsesStoredSettings) {
  Session s = make_session();
  Participant a = make_participant("A", "a@example.com");
  // Default threshold 10 minutes, strictly after.
  EXPECT_FALSE(door_.accept(uow_, request(a, s), at_minutes(10))->check_in.is_late);
  EXPECT_TRUE(door_.accept(uow_, request(jane_, s), at_minutes(10) + std::chrono::milliseconds(1))->check_in.is_late);

  TimingSettings t;
  t.late_threshold_minutes = 30;
  uow_.settings().save_timing(t);
  Session s2 = make_session({.name = "Workshop B"});
  EXPECT_FALSE(door_.accept(uow_, request(a, s2), at_minutes(25))->check_in.is_late);
  EXPECT_TRUE(door_.accept(uow_, request(jane_, s2), at_minutes(31))->check_in.is_late);
}

TEST_F(CheckInServiceTest, LatenessUsesThePerSessionOverrideIncludingZero) {
  TimingSettings t;
  t.late_threshold_minutes = 30;
  uow_.settings().save_timing(t);
  Session strict = make_session({.late_threshold = 0});
  Participant a = make_participant("A", "a@example.com");
  EXPECT_FALSE(door_.accept(uow_, request(a, strict), at_minutes(0))->check_in.is_late);
  auto late = door_.check_in(uow_, request(jane_, strict), at_minutes(1));
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->check_in.is_late);
  EXPECT_TRUE(uow_.check_ins().find(late->check_in.id)->is_late);
}

// --- decline --------------------------------------------------------------------------------

TEST_F(CheckInServiceTest, DeclineRecordsAnAttemptWithTheDefaultReason) {
  Session s = make_session({.open = false});  // declining works on closed sessions too
  DeclineRequest d{jane_.id, s.id, "Officer B", std::nullopt};
  auto outcome = door_.decline(uow_, d, now_);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_TRUE(is_object_id(outcome->attempt.id));
  EXPECT_EQ(outcome->attempt.status, "declined");
  EXPECT_EQ(outcome->attempt.reason, "Check-in declined by officer");
  EXPECT_EQ(outcome->attempt.declined_by, "Officer B");
  EXPECT_EQ(outcome->attempt.attempt_time, now_);
  EXPECT_FALSE(outcome->attempt.was_registered);
  EXPECT_EQ(outcome->participant.name, "Jane Doe");
  EXPECT_EQ(outcome->session.name, "Workshop A");

  auto events = events_of<EntryDeclined>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].attempt.id, outcome->attempt.id);
  EXPECT_EQ(events[0].participant_name, "Jane Doe");

  auto stats = uow_.attempts().stats(s.id);
  EXPECT_EQ(stats.total, 1);
  EXPECT_EQ(stats.declined, 1);
  EXPECT_EQ(stats.failed, 0);
  EXPECT_EQ(rows_for(s), 0);
}

TEST_F(CheckInServiceTest, DeclineKeepsAGivenReasonAndReplacesAnEmptyOne) {
  Session s = make_session();
  register_as(jane_, s, RegistrationStatus::kConfirmed);
  auto given = door_.decline(uow_, {jane_.id, s.id, std::nullopt, "No badge"}, now_);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->attempt.reason, "No badge");
  EXPECT_TRUE(given->attempt.was_registered);
  auto empty = door_.decline(uow_, {jane_.id, s.id, std::nullopt, ""}, now_);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->attempt.reason, "Check-in declined by officer");
  EXPECT_EQ(uow_.attempts().stats(s.id).total, 2);  // unlimited attempts per pair
}

TEST_F(CheckInServiceTest, DeclineUnknownParticipantIsReportedFirst) {
  Session s = make_session();
  EXPECT_TRUE(fails_with(door_.decline(uow_, {kMissingId, kMissingId, std::nullopt, std::nullopt}, now_),
                         ErrorKind::kNotFound, "Participant with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_TRUE(fails_with(door_.decline(uow_, {jane_.id, kMissingId, std::nullopt, std::nullopt}, now_),
                         ErrorKind::kNotFound, "Session with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_EQ(uow_.attempts().stats(std::nullopt).total, 0);
}

// --- remove ---------------------------------------------------------------------------------

TEST_F(CheckInServiceTest, RemoveSetsTheStoredCountToTheRealRowCount) {
  Session s = make_session({.capacity = 5});
  Participant a = make_participant("A", "a@example.com");
  auto first = door_.accept(uow_, request(a, s), now_);
  auto second = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(first.ok() && second.ok());
  // A counter that drifted (the reference's could) is repaired by the next removal.
  uow_.sessions().set_check_ins_count(s.id, 7, now_);
  uow_.take_events();

  auto removed = door_.remove(uow_, first->check_in.id, at_minutes(6));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->id, first->check_in.id);
  EXPECT_FALSE(uow_.check_ins().find(first->check_in.id));
  EXPECT_EQ(rows_for(s), 1);
  EXPECT_EQ(stored(s).check_ins_count, 1);

  auto events = events_of<CheckInRemoved>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].check_in.id, first->check_in.id);
  EXPECT_EQ(events[0].session_name, "Workshop A");
  EXPECT_EQ(events[0].capacity.check_ins_count, 1);
  EXPECT_EQ(events[0].capacity.remaining, 4);

  // The freed place can be taken again, and the removed participant may come back.
  ASSERT_TRUE(door_.accept(uow_, request(a, s), at_minutes(7)).ok());
  EXPECT_EQ(stored(s).check_ins_count, 2);
}

TEST_F(CheckInServiceTest, RemoveUnknownCheckIn) {
  EXPECT_TRUE(fails_with(door_.remove(uow_, kMissingId, now_), ErrorKind::kNotFound,
                         "CheckIn with ID 65a0c0ffee0000000000ffff not found"));
}

TEST_F(CheckInServiceTest, RemoveLastCheckInNeverGoesNegative) {
  Session s = make_session();
  auto c = door_.accept(uow_, request(jane_, s), now_);
  ASSERT_TRUE(c.ok());
  uow_.sessions().set_check_ins_count(s.id, 0, now_);
  ASSERT_TRUE(door_.remove(uow_, c->check_in.id, now_).ok());
  EXPECT_EQ(stored(s).check_ins_count, 0);
}

TEST_F(CheckInServiceTest, StoredCountAlwaysEqualsRows) {
  Session s = make_session({.capacity = 3, .requires_registration = true});
  std::vector<Participant> people{jane_};
  for (int i = 0; i < 4; ++i)
    people.push_back(make_participant("P" + std::to_string(i), "p" + std::to_string(i) + "@example.com"));
  register_as(people[1], s, RegistrationStatus::kConfirmed);

  auto check = [&](const char* step) { EXPECT_EQ(stored(s).check_ins_count, rows_for(s)) << step; };
  std::vector<std::string> ids;
  auto keep = [&](const Result<CheckInOutcome>& r) {
    if (r.ok()) ids.push_back(r->check_in.id);
  };
  keep(door_.accept(uow_, request(people[0], s), now_));
  check("accept");
  keep(door_.check_in(uow_, request(people[1], s), now_));
  check("registered direct");
  keep(door_.check_in(uow_, request(people[2], s), now_));  // refused: not registered
  check("refused direct");
  keep(door_.accept(uow_, request(people[0], s), now_));  // refused: duplicate
  check("duplicate");
  keep(door_.accept(uow_, request(people[3], s), now_));
  check("third");
  keep(door_.accept(uow_, request(people[4], s), now_));  // refused: full
  check("full");
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(rows_for(s), 3);
  for (const auto& id : ids) {
    ASSERT_TRUE(door_.remove(uow_, id, now_).ok());
    check("remove");
  }
  EXPECT_EQ(rows_for(s), 0);
}

// --- verify ---------------------------------------------------------------------------------

TEST_F(CheckInServiceTest, VerifyReadsTheRealCount) {
  Session s = make_session({.capacity = 1});
  Participant a = make_participant("A", "a@example.com");
  ASSERT_TRUE(door_.accept(uow_, request(a, s), now_).ok());
  uow_.sessions().set_check_ins_count(s.id, 0, now_);  // a stale counter does not fool the door
  uow_.take_events();

  auto v = door_.verify(uow_, jane_.qr_code, s.id, now_);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->participant.id, jane_.id);
  EXPECT_EQ(v->verification.badge, VerificationBadge::kNotRegistered);
  EXPECT_TRUE(v->verification.is_at_capacity);
  EXPECT_FALSE(v->verification.actions.can_accept);
  EXPECT_EQ(v->verification.actions.accept_label, "Session Full");
  ASSERT_TRUE(v->verification.capacity);
  EXPECT_EQ(v->verification.capacity->check_ins_count, 1);

  auto events = events_of<EntryVerified>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].participant_id, jane_.id);
  EXPECT_EQ(events[0].badge, VerificationBadge::kNotRegistered);
  EXPECT_FALSE(events[0].is_registered);
}

TEST_F(CheckInServiceTest, VerifyAlreadyCheckedInAndInactive) {
  Session s = make_session();
  ASSERT_TRUE(door_.accept(uow_, request(jane_, s), now_).ok());
  auto v = door_.verify(uow_, jane_.qr_code, s.id, now_);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->verification.badge, VerificationBadge::kAlreadyCheckedIn);
  ASSERT_TRUE(v->verification.existing_check_in);

  Participant gone = make_participant("Gone", "gone@example.com", false);
  auto inactive = door_.verify(uow_, gone.qr_code, s.id, now_);
  ASSERT_TRUE(inactive.ok());
  EXPECT_FALSE(inactive->verification.actions.can_accept);
  EXPECT_EQ(inactive->verification.actions.accept_label, "Participant Inactive");
  EXPECT_TRUE(inactive->verification.actions.can_decline);
}

TEST_F(CheckInServiceTest, VerifyUnknownCodeThenUnknownSession) {
  Session s = make_session();
  EXPECT_TRUE(fails_with(door_.verify(uow_, "QR-NOPE", kMissingId, now_), ErrorKind::kNotFound,
                         "Participant with ID qrCode: QR-NOPE not found"));
  EXPECT_TRUE(fails_with(door_.verify(uow_, jane_.qr_code, kMissingId, now_), ErrorKind::kNotFound,
                         "Session with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_EQ(rows_for(s), 0);
}

}  // namespace
}  // namespace admit
