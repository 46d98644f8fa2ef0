#include "realtime/realtime_messages.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

TimePoint at(std::int64_t ms) { return from_unix_ms(ms); }

TEST(RealtimeMessages, StatusChangeGoesToTheRoomAndToEveryone) {
  SessionStatusChanged e{"s1",        "Workshop A", SessionStatus::kScheduled, SessionStatus::kOpen, false, true,
                         "auto_open", at(1000)};
  auto messages = realtime_messages(e, at(2000));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].event, "sessions:status-update");
  EXPECT_EQ(messages[0].room, "sessions");
  const auto& data = messages[0].payload["data"];
  EXPECT_EQ(messages[0].payload["type"], "status-update");
  EXPECT_EQ(data["previousStatus"], "scheduled");  // always sent, unlike the reference's scheduler
  EXPECT_EQ(data["newStatus"], "open");
  EXPECT_EQ(data["previousIsOpen"], false);
  EXPECT_EQ(data["newIsOpen"], true);
  EXPECT_EQ(data["reason"], "auto_open");
  EXPECT_EQ(data["timestamp"], format_iso8601(at(1000)));
  EXPECT_EQ(messages[0].payload["timestamp"], format_iso8601(at(2000)));
  EXPECT_EQ(messages[1].event, "sessionStatusUpdated");
  EXPECT_FALSE(messages[1].room);
  EXPECT_EQ(messages[1].payload["isOpen"], true);
  EXPECT_EQ(messages[1].payload["newStatus"], "open");
}

TEST(RealtimeMessages, CheckInRecordedSendsFourEvents) {
  CheckInRecorded e;
  e.check_in.id = "c1";
  e.check_in.session_id = "s1";
  e.check_in.participant_id = "p1";
  e.check_in.is_late = true;
  e.check_in.was_registered = false;
  e.check_in.badge = CheckInBadge::kAcceptedUnregistered;
  e.check_in.check_in_time = at(5000);
  e.participant_name = "Jane";
  e.session_name = "Workshop A";
  e.capacity = CapacityInfo{50, 41, 9, 82, true, false};
  auto messages = realtime_messages(e, at(6000));
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0].event, "checkin:accepted");
  EXPECT_EQ(messages[0].payload["data"]["badge"], "accepted_unregistered");
  EXPECT_EQ(messages[0].payload["data"]["checkInId"], "c1");
  EXPECT_EQ(messages[1].event, "sessions:checkin");
  EXPECT_EQ(messages[1].payload["data"]["isLate"], true);
  EXPECT_EQ(messages[2].event, "ambassadors:checkin");
  EXPECT_EQ(messages[2].room, "ambassadors");
  EXPECT_EQ(messages[3].event, "sessions:capacity-update");
  const auto& cap = messages[3].payload["data"];
  EXPECT_EQ(cap["checkInsCount"], 41);
  EXPECT_EQ(cap["capacity"], 50);
  EXPECT_EQ(cap["percentFull"], 82);
  EXPECT_EQ(cap["isNearCapacity"], true);
  EXPECT_EQ(cap["isAtCapacity"], false);
}

TEST(RealtimeMessages, DeclineVerifyAndRemoval) {
  EntryDeclined declined;
  declined.attempt.id = "a1";
  declined.attempt.reason = "No ticket";
  auto d = realtime_messages(declined, at(0));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].event, "checkin:declined");
  EXPECT_EQ(d[0].payload["data"]["reason"], "No ticket");

  EntryVerified verified{"s1", "p1", "Jane", "W", VerificationBadge::kRegistered, true, at(0)};
  auto v = realtime_messages(verified, at(0));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].event, "checkin:verification");
  EXPECT_EQ(v[0].payload["data"]["isRegistered"], true);

  CheckInRemoved removed;
  removed.check_in.session_id = "s1";
  auto r = realtime_messages(removed, at(0));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event, "sessions:capacity-update");
}

TEST(RealtimeMessages, AmbassadorAndTravelGrantUpdates) {
  auto a = realtime_messages(AmbassadorScoreChanged{"a1", "Ann", 30, 20, 3}, at(0));
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].room, "ambassadors");
  EXPECT_EQ(a[1].room, "ambassador:a1");
  EXPECT_EQ(a[1].payload["data"]["newScore"], 30);
  auto t = realtime_messages(TravelGrantChanged{"p1", "Bo", "approved", at(0)}, at(0));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].event, "travel-grants:update");
  EXPECT_EQ(t[1].room, "travel-grant:p1");
  EXPECT_EQ(t[1].payload["data"]["status"], "approved");
}

TEST(RealtimeMessages, ScoreUpdatesCarryTheRankWhenKnown) {
  AmbassadorScoreChanged e{"a1", "Ann", 30, 20, 3};
  EXPECT_FALSE(realtime_messages(e, at(0))[0].payload["data"].contains("rank"));
  auto ranked = score_update_messages(e, 2);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].event, "ambassadors:score-update");
  EXPECT_EQ(ranked[1].event, "ambassador:score-update");
  for (const auto& m : ranked)
    EXPECT_EQ(m.payload["data"]["rank"], 2);
  EXPECT_FALSE(score_update_messages(e, std::nullopt)[1].payload["data"].contains("rank"));
}

TEST(RealtimeMessages, HandlerExceptionIsTheReferencesPayload) {
  EXPECT_EQ(handler_exception_payload("subscribe:ambassador-detail", Json::array()),
            (Json{{"status", "error"},
                  {"message", "Internal server error"},
                  {"cause", {{"pattern", "subscribe:ambassador-detail"}}}}));
  EXPECT_EQ(handler_exception_payload("x", Json::array({Json{{"id", 1}}, 2}))["cause"],
            (Json{{"pattern", "x"}, {"data", {{"id", 1}}}}));
}

}  // namespace
}  // namespace admit
