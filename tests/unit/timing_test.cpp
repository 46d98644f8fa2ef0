#include "domain/timing.hpp"

#include <gtest/gtest.h>

#include "unit_support.hpp"

namespace admit {
namespace {

// 09:00-10:00 on 2026-01-15.
Session session(SessionStatus status = SessionStatus::kScheduled) {
  Session s;
  s.start_time = at_minutes(0);
  s.end_time = at_minutes(60);
  s.status = status;
  s.is_open = status == SessionStatus::kOpen;
  return s;
}

TimingSettings defaults() { return TimingSettings{}; }

TEST(TimingSettings, DefaultsAreTheReferenceOnes) {
  TimingSettings t;
  EXPECT_EQ(t.auto_open_minutes_before, 10);
  EXPECT_TRUE(t.auto_end_enabled);
  EXPECT_EQ(t.auto_end_grace_minutes, 0);
  EXPECT_EQ(t.late_threshold_minutes, 10);
  EXPECT_EQ(t.scheduler_interval_ms, 30000);
}

// --- lateness -------------------------------------------------------------------------------

TEST(IsLate, StrictlyAfterStartPlusThreshold) {
  Session s = session();
  EXPECT_FALSE(is_late(s, defaults(), at_minutes(-30)));  // early is never late
  EXPECT_FALSE(is_late(s, defaults(), at_minutes(0)));
  EXPECT_FALSE(is_late(s, defaults(), at_minutes(5)));
  EXPECT_FALSE(is_late(s, defaults(), at_minutes(10)));
  EXPECT_TRUE(is_late(s, defaults(), at_minutes(10) + std::chrono::milliseconds(1)));
  EXPECT_TRUE(is_late(s, defaults(), at_minutes(15)));
}

TEST(IsLate, UsesTheSettingsThreshold) {
  TimingSettings t;
  t.late_threshold_minutes = 30;
  EXPECT_FALSE(is_late(session(), t, at_minutes(30)));
  EXPECT_TRUE(is_late(session(), t, at_minutes(31)));
}

TEST(IsLate, PerSessionOverrideWins) {
  Session s = session();
  s.late_threshold_minutes = 2;
  EXPECT_EQ(effective_late_threshold(s, defaults()), 2);
  EXPECT_FALSE(is_late(s, defaults(), at_minutes(2)));
  EXPECT_TRUE(is_late(s, defaults(), at_minutes(3)));
}

TEST(IsLate, ExplicitZeroOverrideIsHonoured) {
  Session s = session();
  s.late_threshold_minutes = 0;
  EXPECT_EQ(effective_late_threshold(s, defaults()), 0);
  EXPECT_FALSE(is_late(s, defaults(), at_minutes(0)));
  EXPECT_TRUE(is_late(s, defaults(), at_minutes(0) + std::chrono::milliseconds(1)));
}

TEST(EffectiveTiming, OverridesFallBackToSettings) {
  TimingSettings t;
  t.auto_open_minutes_before = 15;
  t.auto_end_grace_minutes = 5;
  t.late_threshold_minutes = 7;
  Session s = session();
  EXPECT_EQ(effective_auto_open_minutes(s, t), 15);
  EXPECT_EQ(effective_auto_end_grace(s, t), 5);
  EXPECT_EQ(effective_late_threshold(s, t), 7);
  s.auto_open_minutes_before = 0;
  s.auto_end_grace_minutes = 0;
  s.late_threshold_minutes = 0;
  EXPECT_EQ(effective_auto_open_minutes(s, t), 0);
  EXPECT_EQ(effective_auto_end_grace(s, t), 0);
  EXPECT_EQ(effective_late_threshold(s, t), 0);
}

// --- scheduler decisions --------------------------------------------------------------------

TEST(ScheduledTransition, AutoOpenWindow) {
  Session s = session();
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(-11)), ScheduledTransition::kNone);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(-10) - std::chrono::milliseconds(1)),
            ScheduledTransition::kNone);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(-10)), ScheduledTransition::kAutoOpen);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(0)), ScheduledTransition::kAutoOpen);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(59)), ScheduledTransition::kAutoOpen);
}

TEST(ScheduledTransition, AutoOpenWithPerSessionOverride) {
  Session s = session();
  s.auto_open_minutes_before = 0;
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(-1)), ScheduledTransition::kNone);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(0)), ScheduledTransition::kAutoOpen);
  s.auto_open_minutes_before = 60;
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(-60)), ScheduledTransition::kAutoOpen);
}

TEST(ScheduledTransition, OpenSessionIsNotOpenedAgain) {
  EXPECT_EQ(scheduled_transition(session(SessionStatus::kOpen), defaults(), at_minutes(5)), ScheduledTransition::kNone);
}

TEST(ScheduledTransition, AutoEndAtEndPlusGrace) {
  for (auto status : {SessionStatus::kOpen, SessionStatus::kScheduled}) {
    Session s = session(status);
    EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(60)), ScheduledTransition::kAutoEnd);
    TimingSettings t;
    t.auto_end_grace_minutes = 15;
    EXPECT_NE(scheduled_transition(s, t, at_minutes(74)), ScheduledTransition::kAutoEnd);
    EXPECT_EQ(scheduled_transition(s, t, at_minutes(75)), ScheduledTransition::kAutoEnd);
    s.auto_end_grace_minutes = 0;  // the session's own grace wins
    EXPECT_EQ(scheduled_transition(s, t, at_minutes(60)), ScheduledTransition::kAutoEnd);
  }
}

TEST(ScheduledTransition, OpenSessionInsideGraceStaysOpen) {
  TimingSettings t;
  t.auto_end_grace_minutes = 15;
  EXPECT_EQ(scheduled_transition(session(SessionStatus::kOpen), t, at_minutes(70)), ScheduledTransition::kNone);
}

TEST(ScheduledTransition, ScheduledSessionPastItsEndIsEndedNotOpened) {
  Session s = session();
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(61)), ScheduledTransition::kAutoEnd);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(60 * 24)), ScheduledTransition::kAutoEnd);
}

TEST(ScheduledTransition, ScheduledSessionInsideGraceAfterItsEndIsLeftAlone) {
  // Past its end it may no longer open, and the grace has not run out yet.
  TimingSettings t;
  t.auto_end_grace_minutes = 15;
  EXPECT_EQ(scheduled_transition(session(), t, at_minutes(65)), ScheduledTransition::kNone);
}

TEST(ScheduledTransition, AutoEndDisabled) {
  TimingSettings t;
  t.auto_end_enabled = false;
  EXPECT_EQ(scheduled_transition(session(SessionStatus::kOpen), t, at_minutes(600)), ScheduledTransition::kNone);
  EXPECT_EQ(scheduled_transition(session(), t, at_minutes(600)), ScheduledTransition::kNone);
  // Opening still works.
  EXPECT_EQ(scheduled_transition(session(), t, at_minutes(0)), ScheduledTransition::kAutoOpen);
}

TEST(ScheduledTransition, ClosedEndedAndCancelledAreNeverTouched) {
  for (auto status : {SessionStatus::kClosed, SessionStatus::kEnded, SessionStatus::kCancelled}) {
    Session s = session(status);
    for (int minute : {-10, 0, 30, 60, 600}) {
      EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(minute)), ScheduledTransition::kNone)
          << to_string(status) << " at " << minute;
    }
  }
}

TEST(ScheduledTransition, ApplyingTheDecisionIsIdempotent) {
  Session s = session();
  TimePoint now = at_minutes(0);
  ASSERT_EQ(scheduled_transition(s, defaults(), now), ScheduledTransition::kAutoOpen);
  s.status = SessionStatus::kOpen;
  s.is_open = true;
  EXPECT_EQ(scheduled_transition(s, defaults(), now), ScheduledTransition::kNone);
  now = at_minutes(60);
  ASSERT_EQ(scheduled_transition(s, defaults(), now), ScheduledTransition::kAutoEnd);
  s.status = SessionStatus::kEnded;
  s.is_open = false;
  EXPECT_EQ(scheduled_transition(s, defaults(), now), ScheduledTransition::kNone);
  EXPECT_EQ(scheduled_transition(s, defaults(), at_minutes(-5)), ScheduledTransition::kNone);  // clock jumped back
}

}  // namespace
}  // namespace admit
