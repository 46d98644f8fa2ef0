#include "domain/session_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "domain/scheduler_service.hpp"
#include "service_support.hpp"

namespace admit {
namespace {

class SessionServiceTest : public ServiceTest {
 protected:
  SessionFields fields(TimePoint start = at_minutes(0), TimePoint end = at_minutes(60)) {
    SessionFields f;
    f.name = "Workshop A";
    f.start_time = start;
    f.end_time = end;
    return f;
  }
};

// --- create ---------------------------------------------------------------------------------

TEST_F(SessionServiceTest, CreateFillsDefaults) {
  SessionFields f = fields();
  f.description = "Hands-on";
  auto created = sessions_.create(uow_, f, at_minutes(-60));
  ASSERT_TRUE(created.ok());
  const Session& s = created.value();
  EXPECT_TRUE(is_object_id(s.id));
  EXPECT_EQ(s.name, "Workshop A");
  EXPECT_EQ(s.description, "Hands-on");
  EXPECT_FALSE(s.location);
  EXPECT_FALSE(s.is_open);
  EXPECT_EQ(s.status, SessionStatus::kScheduled);
  EXPECT_EQ(s.capacity, 0);
  EXPECT_TRUE(s.capacity_enforced);
  EXPECT_FALSE(s.requires_registration);
  EXPECT_EQ(s.check_ins_count, 0);
  EXPECT_EQ(s.day, 1);
  EXPECT_FALSE(s.late_threshold_minutes);
  EXPECT_EQ(s.created_at, at_minutes(-60));
  EXPECT_EQ(s.updated_at, at_minutes(-60));

  auto row = uow_.sessions().find(s.id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->name, "Workshop A");
  EXPECT_EQ(row->start_time, at_minutes(0));
  EXPECT_EQ(row->end_time, at_minutes(60));
  EXPECT_EQ(row->status, SessionStatus::kScheduled);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SessionServiceTest, CreateOpenIsStatusOpen) {
  SessionFields f = fields();
  f.is_open = true;
  f.late_threshold_minutes = 0;
  auto created = sessions_.create(uow_, f, at_minutes(-60));
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->is_open);
  EXPECT_EQ(created->status, SessionStatus::kOpen);
  auto row = uow_.sessions().find(created->id);
  EXPECT_EQ(row->status, SessionStatus::kOpen);
  EXPECT_EQ(row->late_threshold_minutes, 0);  // an explicit 0 survives storage
}

TEST_F(SessionServiceTest, CreateRefusesEndNotAfterStart) {
  for (auto end : {at_minutes(0), at_minutes(-1)}) {
    auto created = sessions_.create(uow_, fields(at_minutes(0), end), at_minutes(-60));
    ASSERT_TRUE(fails_with(created, ErrorKind::kBadRequest, "End time must be after start time"));
    EXPECT_EQ(created.error().errors.at(0).field, "endTime");
  }
  EXPECT_EQ(uow_.sessions().stats(kNineAm).total, 0);
}

TEST_F(SessionServiceTest, CreateManyReportsEachFailureByIndex) {
  SessionFields bad = fields(at_minutes(60), at_minutes(0));
  bad.name = "Backwards";
  SessionFields open = fields();
  open.is_open = true;
  auto result = sessions_.create_many(uow_, {fields(), bad, open}, at_minutes(-60));
  EXPECT_EQ(result.success, 2);
  EXPECT_EQ(result.failed, 1);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].index, 1);
  EXPECT_EQ(result.errors[0].name, "Backwards");
  EXPECT_EQ(result.errors[0].error, "End time must be after start time");
  ASSERT_EQ(result.created.size(), 2u);
  EXPECT_EQ(result.created[1].status, SessionStatus::kOpen);
  EXPECT_EQ(uow_.sessions().stats(kNineAm).total, 2);
}

// --- update ---------------------------------------------------------------------------------

TEST_F(SessionServiceTest, UpdateChangesOnlyGivenFields) {
  Session s = make_session({.open = false, .capacity = 10});
  SessionFields f;
  f.location = "Room 101";
  f.capacity = 20;
  f.requires_registration = true;
  f.day = 2;
  auto updated = sessions_.update(uow_, s.id, f, at_minutes(-30));
  ASSERT_TRUE(updated.ok());
  auto row = uow_.sessions().find(s.id);
  EXPECT_EQ(row->name, "Workshop A");
  EXPECT_EQ(row->location, "Room 101");
  EXPECT_EQ(row->capacity, 20);
  EXPECT_TRUE(row->requires_registration);
  EXPECT_EQ(row->day, 2);
  EXPECT_EQ(row->start_time, s.start_time);
  EXPECT_EQ(row->status, SessionStatus::kScheduled);
  EXPECT_EQ(row->updated_at, at_minutes(-30));
  EXPECT_EQ(row->created_at, s.created_at);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SessionServiceTest, UpdateChecksTimesEvenWhenOnlyOneIsGiven) {
  Session s = make_session();  // 09:00-10:00
  SessionFields end_only;
  end_only.end_time = at_minutes(-5);
  EXPECT_TRUE(fails_with(sessions_.update(uow_, s.id, end_only, kNineAm), ErrorKind::kBadRequest,
                         "End time must be after start time"));
  SessionFields start_only;
  start_only.start_time = at_minutes(60);
  auto refused = sessions_.update(uow_, s.id, start_only, kNineAm);
  ASSERT_TRUE(fails_with(refused, ErrorKind::kBadRequest, "End time must be after start time"));
  EXPECT_EQ(refused.error().errors.at(0).field, "endTime");
  // Nothing was written.
  auto row = uow_.sessions().find(s.id);
  EXPECT_EQ(row->start_time, at_minutes(0));
  EXPECT_EQ(row->end_time, at_minutes(60));

  SessionFields later;
  later.start_time = at_minutes(30);
  ASSERT_TRUE(sessions_.update(uow_, s.id, later, kNineAm).ok());
  EXPECT_EQ(uow_.sessions().find(s.id)->start_time, at_minutes(30));
}

TEST_F(SessionServiceTest, UpdateBothTimesTogether) {
  Session s = make_session();
  auto moved = sessions_.update(uow_, s.id, fields(at_minutes(120), at_minutes(180)), kNineAm);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(uow_.sessions().find(s.id)->end_time, at_minutes(180));
}

TEST_F(SessionServiceTest, UpdateUnknownSession) {
  EXPECT_TRUE(fails_with(sessions_.update(uow_, kMissingId, SessionFields{}, kNineAm), ErrorKind::kNotFound,
                         "Session with ID 65a0c0ffee0000000000ffff not found"));
}

TEST_F(SessionServiceTest, ManualCloseThroughUpdateIsClosedWithAnEvent) {
  Session s = make_session({.open = true});
  SessionFields f;
  f.is_open = false;
  auto closed = sessions_.update(uow_, s.id, f, at_minutes(20));
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->is_open);
  EXPECT_EQ(closed->status, SessionStatus::kClosed);
  auto row = uow_.sessions().find(s.id);
  EXPECT_FALSE(row->is_open);
  EXPECT_EQ(row->status, SessionStatus::kClosed);

  auto events = events_of<SessionStatusChanged>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].session_id, s.id);
  EXPECT_EQ(events[0].session_name, "Workshop A");
  EXPECT_EQ(events[0].previous_status, SessionStatus::kOpen);
  EXPECT_EQ(events[0].new_status, SessionStatus::kClosed);
  EXPECT_TRUE(events[0].previous_is_open);
  EXPECT_FALSE(events[0].new_is_open);
  EXPECT_EQ(events[0].reason, "manual");
  EXPECT_EQ(events[0].at, at_minutes(20));
}

TEST_F(SessionServiceTest, UnchangedIsOpenEmitsNothingAndKeepsStatus) {
  // The reference rewrote "ended" to "closed" on an unchanged isOpen:false; admit leaves it.
  Session s = make_session({.open = false});
  Session ended = stored(s);
  ended.status = SessionStatus::kEnded;
  uow_.sessions().update(ended);
  SessionFields f;
  f.is_open = false;
  auto updated = sessions_.update(uow_, s.id, f, kNineAm);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(stored(s).status, SessionStatus::kEnded);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SessionServiceTest, ManualOpenEmitsManualEvent) {
  Session s = make_session({.open = false});
  auto opened = sessions_.set_open(uow_, s.id, true, at_minutes(-30));
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE(opened->is_open);
  EXPECT_EQ(opened->status, SessionStatus::kOpen);
  EXPECT_EQ(stored(s).status, SessionStatus::kOpen);
  EXPECT_TRUE(stored(s).is_open);
  EXPECT_EQ(stored(s).updated_at, at_minutes(-30));
  auto events = events_of<SessionStatusChanged>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].previous_status, SessionStatus::kScheduled);
  EXPECT_EQ(events[0].new_status, SessionStatus::kOpen);
  EXPECT_FALSE(events[0].previous_is_open);
  EXPECT_TRUE(events[0].new_is_open);
  EXPECT_EQ(events[0].reason, "manual");
}

TEST_F(SessionServiceTest, SetOpenToTheCurrentValueIsANoOp) {
  Session s = make_session({.open = true});
  auto same = sessions_.set_open(uow_, s.id, true, kNineAm);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->status, SessionStatus::kOpen);
  EXPECT_TRUE(uow_.take_events().empty());
  EXPECT_TRUE(fails_with(sessions_.set_open(uow_, kMissingId, true, kNineAm), ErrorKind::kNotFound,
                         "Session with ID 65a0c0ffee0000000000ffff not found"));
}

TEST_F(SessionServiceTest, SchedulerNeverReopensAManuallyClosedSession) {
  // The reference's manual close set "scheduled", and the next auto-open tick reopened it.
  Session s = make_session({.open = false});
  ASSERT_EQ(run_scheduler(uow_, at_minutes(-5)).opened.size(), 1u);  // opened by the scheduler
  ASSERT_TRUE(sessions_.set_open(uow_, s.id, false, at_minutes(1)).ok());
  EXPECT_EQ(stored(s).status, SessionStatus::kClosed);
  uow_.take_events();

  for (int minute : {2, 30, 59}) {
    auto outcome = run_scheduler(uow_, at_minutes(minute));
    EXPECT_TRUE(outcome.opened.empty());
    EXPECT_TRUE(outcome.ended.empty());
  }
  // Not even auto-ended: "closed" is final until an organiser says otherwise.
  EXPECT_TRUE(run_scheduler(uow_, at_minutes(600)).ended.empty());
  EXPECT_EQ(stored(s).status, SessionStatus::kClosed);
  EXPECT_FALSE(stored(s).is_open);
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(SessionServiceTest, ReopeningAClosedSessionHandsItBackToTheScheduler) {
  Session s = make_session({.open = false});
  ASSERT_TRUE(sessions_.set_open(uow_, s.id, true, at_minutes(0)).ok());
  ASSERT_TRUE(sessions_.set_open(uow_, s.id, false, at_minutes(1)).ok());
  ASSERT_TRUE(sessions_.set_open(uow_, s.id, true, at_minutes(2)).ok());
  EXPECT_EQ(events_of<SessionStatusChanged>().size(), 3u);
  auto outcome = run_scheduler(uow_, at_minutes(60));
  EXPECT_EQ(outcome.ended, std::vector<std::string>{"Workshop A"});
  EXPECT_EQ(stored(s).status, SessionStatus::kEnded);
}

// --- remove ---------------------------------------------------------------------------------

TEST_F(SessionServiceTest, RemoveReturnsTheSessionAndDeletesIt) {
  Session s = make_session();
  auto removed = sessions_.remove(uow_, s.id);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->id, s.id);
  EXPECT_EQ(removed->name, "Workshop A");
  EXPECT_FALSE(uow_.sessions().find(s.id));
  EXPECT_TRUE(fails_with(sessions_.remove(uow_, s.id), ErrorKind::kNotFound, "Session with ID " + s.id + " not found"));
}

TEST(SessionStatusNames, RoundTrip) {
  for (auto status : {SessionStatus::kScheduled, SessionStatus::kOpen, SessionStatus::kEnded, SessionStatus::kClosed,
                      SessionStatus::kCancelled}) {
    EXPECT_EQ(parse_session_status(to_string(status)), status);
  }
  EXPECT_EQ(to_string(SessionStatus::kClosed), "closed");
  EXPECT_FALSE(parse_session_status("Open"));
  EXPECT_FALSE(parse_session_status(""));
}

}  // namespace
}  // namespace admit
