#include "domain/verification.hpp"

#include <gtest/gtest.h>

#include "unit_support.hpp"

namespace admit {
namespace {

Session open_session(int capacity = 0, bool enforced = true) {
  Session s;
  s.id = "65a0c0ffee0000000000a001";
  s.name = "Workshop A";
  s.is_open = true;
  s.status = SessionStatus::kOpen;
  s.capacity = capacity;
  s.capacity_enforced = enforced;
  return s;
}

Session closed_session(int capacity = 0) {
  Session s = open_session(capacity);
  s.is_open = false;
  s.status = SessionStatus::kClosed;
  return s;
}

Registration registration(RegistrationStatus status) {
  Registration r;
  r.id = "65a0c0ffee0000000000d001";
  r.status = status;
  return r;
}

CheckIn existing_check_in() {
  CheckIn c;
  c.id = "65a0c0ffee0000000000c001";
  c.check_in_time = kNineAm;
  return c;
}

void expect_actions(const Verification& v, bool can_accept, bool can_decline, const std::string& accept_label,
                    const std::string& decline_label) {
  EXPECT_EQ(v.actions.can_accept, can_accept);
  EXPECT_EQ(v.actions.can_decline, can_decline);
  EXPECT_EQ(v.actions.accept_label, accept_label);
  EXPECT_EQ(v.actions.decline_label, decline_label);
}

TEST(VerifyEntry, BadgeNames) {
  EXPECT_EQ(to_string(VerificationBadge::kRegistered), "REGISTERED");
  EXPECT_EQ(to_string(VerificationBadge::kNotRegistered), "NOT_REGISTERED");
  EXPECT_EQ(to_string(VerificationBadge::kAlreadyCheckedIn), "ALREADY_CHECKED_IN");
}

TEST(VerifyEntry, AlreadyCheckedInWinsOverRegistration) {
  Verification v = verify_entry(open_session(), registration(RegistrationStatus::kConfirmed), existing_check_in(), 1);
  EXPECT_EQ(v.badge, VerificationBadge::kAlreadyCheckedIn);
  EXPECT_TRUE(v.is_registered);
  EXPECT_EQ(v.registration_status, RegistrationStatus::kConfirmed);
  ASSERT_TRUE(v.existing_check_in);
  EXPECT_EQ(v.existing_check_in->id, "65a0c0ffee0000000000c001");
  // Labels stay the defaults, both actions off.
  expect_actions(v, false, false, "Check In", "Decline");
  EXPECT_FALSE(v.capacity);
}

TEST(VerifyEntry, AlreadyCheckedInWithoutRegistration) {
  Verification v = verify_entry(open_session(), std::nullopt, existing_check_in(), 1);
  EXPECT_EQ(v.badge, VerificationBadge::kAlreadyCheckedIn);
  EXPECT_FALSE(v.is_registered);
  EXPECT_FALSE(v.registration_status);
  expect_actions(v, false, false, "Check In", "Decline");
}

TEST(VerifyEntry, ConfirmedRegistrationIsRegistered) {
  Verification v = verify_entry(open_session(), registration(RegistrationStatus::kConfirmed), std::nullopt, 0);
  EXPECT_EQ(v.badge, VerificationBadge::kRegistered);
  EXPECT_TRUE(v.is_registered);
  EXPECT_EQ(v.registration_status, RegistrationStatus::kConfirmed);
  EXPECT_FALSE(v.existing_check_in);
  expect_actions(v, true, true, "Check In", "Decline");
  EXPECT_FALSE(v.is_at_capacity);
}

TEST(VerifyEntry, NoRegistrationIsNotRegistered) {
  Verification v = verify_entry(open_session(), std::nullopt, std::nullopt, 0);
  EXPECT_EQ(v.badge, VerificationBadge::kNotRegistered);
  EXPECT_FALSE(v.is_registered);
  EXPECT_FALSE(v.registration_status);
  expect_actions(v, true, true, "Accept Anyway", "Decline Entry");
}

TEST(VerifyEntry, PendingOrCancelledRegistrationIsNotRegistered) {
  for (auto status : {RegistrationStatus::kPending, RegistrationStatus::kCancelled}) {
    Verification v = verify_entry(open_session(), registration(status), std::nullopt, 0);
    EXPECT_EQ(v.badge, VerificationBadge::kNotRegistered);
    EXPECT_FALSE(v.is_registered);
    EXPECT_EQ(v.registration_status, status);
    expect_actions(v, true, true, "Accept Anyway", "Decline Entry");
  }
}

TEST(VerifyEntry, ClosedSessionRegistered) {
  Verification v = verify_entry(closed_session(), registration(RegistrationStatus::kConfirmed), std::nullopt, 0);
  EXPECT_EQ(v.badge, VerificationBadge::kRegistered);
  expect_actions(v, false, true, "Check In", "Session Closed");
}

TEST(VerifyEntry, ClosedSessionNotRegistered) {
  Verification v = verify_entry(closed_session(), std::nullopt, std::nullopt, 0);
  EXPECT_EQ(v.badge, VerificationBadge::kNotRegistered);
  // The accept label of the badge row stays; only the decline label says why.
  expect_actions(v, false, true, "Accept Anyway", "Session Closed");
}

TEST(VerifyEntry, ClosedSessionAlreadyCheckedIn) {
  Verification v = verify_entry(closed_session(), std::nullopt, existing_check_in(), 0);
  EXPECT_EQ(v.badge, VerificationBadge::kAlreadyCheckedIn);
  // canDecline stays as the badge row left it (false).
  expect_actions(v, false, false, "Check In", "Session Closed");
}

TEST(VerifyEntry, FullSessionRefusesNewEntries) {
  Verification v = verify_entry(open_session(3), registration(RegistrationStatus::kConfirmed), std::nullopt, 3);
  EXPECT_EQ(v.badge, VerificationBadge::kRegistered);
  EXPECT_TRUE(v.is_at_capacity);
  expect_actions(v, false, true, "Session Full", "Decline");
  ASSERT_TRUE(v.capacity);
  EXPECT_EQ(v.capacity->capacity, 3);
  EXPECT_EQ(v.capacity->check_ins_count, 3);
  EXPECT_EQ(v.capacity->remaining, 0);
  EXPECT_TRUE(v.capacity->is_at_capacity);
}

TEST(VerifyEntry, OverfullSessionStillFull) {
  Verification v = verify_entry(open_session(3), std::nullopt, std::nullopt, 5);
  EXPECT_TRUE(v.is_at_capacity);
  expect_actions(v, false, true, "Session Full", "Decline Entry");
  EXPECT_EQ(v.capacity->remaining, 0);
}

TEST(VerifyEntry, FullSessionWithExistingCheckInKeepsAlreadyCheckedIn) {
  Verification v = verify_entry(open_session(3), std::nullopt, existing_check_in(), 3);
  EXPECT_EQ(v.badge, VerificationBadge::kAlreadyCheckedIn);
  EXPECT_TRUE(v.is_at_capacity);
  // No "Session Full" label for someone who is already inside.
  expect_actions(v, false, false, "Check In", "Decline");
  ASSERT_TRUE(v.capacity);
}

TEST(VerifyEntry, ClosedAndFull) {
  Verification v = verify_entry(closed_session(2), std::nullopt, std::nullopt, 2);
  expect_actions(v, false, true, "Session Full", "Session Closed");
}

TEST(VerifyEntry, RoomLeftIsNotAtCapacity) {
  Verification v = verify_entry(open_session(3), std::nullopt, std::nullopt, 2);
  EXPECT_FALSE(v.is_at_capacity);
  expect_actions(v, true, true, "Accept Anyway", "Decline Entry");
  ASSERT_TRUE(v.capacity);
  EXPECT_EQ(v.capacity->remaining, 1);
  EXPECT_EQ(v.capacity->check_ins_count, 2);
}

TEST(VerifyEntry, UnenforcedCapacityHasNoLimitAndNoCapacityInfo) {
  Verification v = verify_entry(open_session(3, false), std::nullopt, std::nullopt, 10);
  EXPECT_FALSE(v.is_at_capacity);
  EXPECT_FALSE(v.capacity);
  expect_actions(v, true, true, "Accept Anyway", "Decline Entry");
}

TEST(VerifyEntry, CapacityZeroIsUnlimited) {
  Verification v = verify_entry(open_session(0), registration(RegistrationStatus::kConfirmed), std::nullopt, 10000);
  EXPECT_FALSE(v.is_at_capacity);
  EXPECT_FALSE(v.capacity);
  expect_actions(v, true, true, "Check In", "Decline");
}

}  // namespace
}  // namespace admit
