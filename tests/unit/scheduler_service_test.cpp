#include "domain/scheduler_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service_support.hpp"

namespace admit {
namespace {

using Names = std::vector<std::string>;

class SchedulerTest : public ServiceTest {
 protected:
  Session scheduled(const std::string& name, TimePoint start, TimePoint end, std::optional<int> auto_open = {},
                    std::optional<int> grace = {}) {
    return make_session(
        {.name = name, .open = false, .start = start, .end = end, .auto_open = auto_open, .auto_end_grace = grace});
  }

  void save(int auto_open, bool auto_end, int grace) {
    TimingSettings t;
    t.auto_open_minutes_before = auto_open;
    t.auto_end_enabled = auto_end;
    t.auto_end_grace_minutes = grace;
    uow_.settings().save_timing(t);
  }
};

TEST_F(SchedulerTest, OpensWithinTheDefaultWindowAndEmitsTheStatusChange) {
  Session s = scheduled("Keynote", at_minutes(0), at_minutes(60));
  EXPECT_TRUE(run_scheduler(uow_, at_minutes(-11)).opened.empty());

  auto outcome = run_scheduler(uow_, at_minutes(-10));
  EXPECT_EQ(outcome.opened, Names{"Keynote"});
  EXPECT_TRUE(outcome.ended.empty());
  EXPECT_EQ(stored(s).status, SessionStatus::kOpen);
  EXPECT_TRUE(stored(s).is_open);
  EXPECT_EQ(stored(s).updated_at, at_minutes(-10));

  auto events = events_of<SessionStatusChanged>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].session_id, s.id);
  EXPECT_EQ(events[0].session_name, "Keynote");
  EXPECT_EQ(events[0].previous_status, SessionStatus::kScheduled);
  EXPECT_EQ(events[0].new_status, SessionStatus::kOpen);
  EXPECT_FALSE(events[0].previous_is_open);
  EXPECT_TRUE(events[0].new_is_open);
  EXPECT_EQ(events[0].reason, "auto_open");
  EXPECT_EQ(events[0].at, at_minutes(-10));
}

TEST_F(SchedulerTest, EndsAtEndTimeAndEmitsTheStatusChange) {
  Session s = make_session({.name = "Talk", .open = true});
  EXPECT_TRUE(run_scheduler(uow_, at_minutes(59)).ended.empty());
  auto outcome = run_scheduler(uow_, at_minutes(60));
  EXPECT_EQ(outcome.ended, Names{"Talk"});
  EXPECT_EQ(stored(s).status, SessionStatus::kEnded);
  EXPECT_FALSE(stored(s).is_open);
  auto events = events_of<SessionStatusChanged>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].previous_status, SessionStatus::kOpen);
  EXPECT_EQ(events[0].new_status, SessionStatus::kEnded);
  EXPECT_TRUE(events[0].previous_is_open);
  EXPECT_FALSE(events[0].new_is_open);
  EXPECT_EQ(events[0].reason, "auto_end");
}

TEST_F(SchedulerTest, UsesStoredSettings) {
  save(/*auto_open=*/30, /*auto_end=*/true, /*grace=*/15);
  Session s = scheduled("Early", at_minutes(0), at_minutes(60));
  EXPECT_TRUE(run_scheduler(uow_, at_minutes(-31)).opened.empty());
  EXPECT_EQ(run_scheduler(uow_, at_minutes(-30)).opened, Names{"Early"});
  EXPECT_TRUE(run_scheduler(uow_, at_minutes(74)).ended.empty());  // inside the stored grace
  EXPECT_EQ(run_scheduler(uow_, at_minutes(75)).ended, Names{"Early"});
  EXPECT_EQ(stored(s).status, SessionStatus::kEnded);
}

TEST_F(SchedulerTest, PerSessionOverridesWinOverStoredSettings) {
  save(/*auto_open=*/30, /*auto_end=*/true, /*grace=*/15);
  Session on_time = scheduled("On time", at_minutes(0), at_minutes(60), /*auto_open=*/0, /*grace=*/0);
  Session regular = scheduled("Regular", at_minutes(0), at_minutes(60));

  EXPECT_EQ(run_scheduler(uow_, at_minutes(-20)).opened, Names{"Regular"});
  EXPECT_EQ(run_scheduler(uow_, at_minutes(0)).opened, Names{"On time"});
  EXPECT_EQ(run_scheduler(uow_, at_minutes(60)).ended, Names{"On time"});
  EXPECT_EQ(run_scheduler(uow_, at_minutes(75)).ended, Names{"Regular"});
  EXPECT_EQ(stored(on_time).status, SessionStatus::kEnded);
  EXPECT_EQ(stored(regular).status, SessionStatus::kEnded);
}

TEST_F(SchedulerTest, AutoEndCanBeSwitchedOff) {
  save(/*auto_open=*/10, /*auto_end=*/false, /*grace=*/0);
  Session open = make_session({.name = "Open", .open = true});
  Session late = scheduled("Never opened", at_minutes(0), at_minutes(60));
  auto outcome = run_scheduler(uow_, at_minutes(600));
  EXPECT_TRUE(outcome.ended.empty());
  EXPECT_TRUE(outcome.opened.empty());
  EXPECT_EQ(stored(open).status, SessionStatus::kOpen);
  EXPECT_EQ(stored(late).status, SessionStatus::kScheduled);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SchedulerTest, ScheduledSessionAlreadyPastItsEndIsEndedWithoutOpening) {
  Session s = scheduled("Missed", at_minutes(-120), at_minutes(-60));
  auto outcome = run_scheduler(uow_, kNineAm);
  EXPECT_TRUE(outcome.opened.empty());
  EXPECT_EQ(outcome.ended, Names{"Missed"});
  auto events = events_of<SessionStatusChanged>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].previous_status, SessionStatus::kScheduled);
  EXPECT_EQ(events[0].new_status, SessionStatus::kEnded);
  EXPECT_FALSE(events[0].previous_is_open);
  EXPECT_FALSE(events[0].new_is_open);
  EXPECT_EQ(stored(s).status, SessionStatus::kEnded);
}

TEST_F(SchedulerTest, ClosedEndedAndCancelledSessionsAreLeftAlone) {
  Session closed = make_session({.name = "Closed", .open = true});
  ASSERT_TRUE(sessions_.set_open(uow_, closed.id, false, at_minutes(-30)).ok());
  Session ended = scheduled("Ended", at_minutes(0), at_minutes(60));
  Session cancelled = scheduled("Cancelled", at_minutes(0), at_minutes(60));
  Session e = stored(ended);
  e.status = SessionStatus::kEnded;
  uow_.sessions().update(e);
  Session c = stored(cancelled);
  c.status = SessionStatus::kCancelled;
  uow_.sessions().update(c);
  uow_.take_events();

  for (int minute : {-10, 0, 30, 60, 600}) {
    auto outcome = run_scheduler(uow_, at_minutes(minute));
    EXPECT_TRUE(outcome.opened.empty()) << minute;
    EXPECT_TRUE(outcome.ended.empty()) << minute;
  }
  EXPECT_EQ(stored(closed).status, SessionStatus::kClosed);
  EXPECT_EQ(stored(ended).status, SessionStatus::kEnded);
  EXPECT_EQ(stored(cancelled).status, SessionStatus::kCancelled);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SchedulerTest, RepeatedPassesChangeNothingMore) {
  scheduled("A", at_minutes(0), at_minutes(60));
  scheduled("B", at_minutes(-120), at_minutes(-60));
  auto first = run_scheduler(uow_, at_minutes(0));
  EXPECT_EQ(first.opened, Names{"A"});
  EXPECT_EQ(first.ended, Names{"B"});
  EXPECT_EQ(events_of<SessionStatusChanged>().size(), 2u);
  for (int i = 0; i < 3; ++i) {
    auto again = run_scheduler(uow_, at_minutes(0));
    EXPECT_TRUE(again.opened.empty());
    EXPECT_TRUE(again.ended.empty());
  }
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SchedulerTest, PassesHandleSessionsInStartOrder) {
  scheduled("Second", at_minutes(5), at_minutes(60));
  scheduled("First", at_minutes(0), at_minutes(60));
  EXPECT_EQ(run_scheduler(uow_, at_minutes(0)).opened, (Names{"First", "Second"}));
}

TEST_F(SchedulerTest, NothingToDoOnAnEmptyDatabase) {
  auto outcome = run_scheduler(uow_, kNineAm);
  EXPECT_TRUE(outcome.opened.empty());
  EXPECT_TRUE(outcome.ended.empty());
}

}  // namespace
}  // namespace admit
