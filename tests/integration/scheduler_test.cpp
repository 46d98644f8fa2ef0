// The session scheduler (contract §4.6, Appendix A.2; docs/compatibility.md S3, S5): auto-open at
// start − autoOpenMinutesBefore, auto-end at end + grace, with the stored settings and per-session
// overrides, and none of the reference's reopen bugs. Every pass is driven by hand with a pinned
// clock through POST /api/v1/_test/scheduler/run.
#include <string>
#include <vector>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kStart = "2026-01-15T09:00:00.000Z";
constexpr const char* kEnd = "2026-01-15T10:00:00.000Z";

using Names = std::vector<std::string>;

class SchedulerTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    // The background pass runs once at start-up and then hourly: only the passes these tests run
    // themselves can change a session, so "nothing happened" is a real observation.
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--scheduler-interval-ms", "3600000"});
  }

  // Creates a closed 09:00-10:00 session (status "scheduled") at 08:00 and returns its document.
  Json session(const std::string& name, Json overrides = Json::object()) {
    pin_clock("2026-01-15T08:00:00.000Z");
    Json body = {{"name", name}, {"startTime", kStart}, {"endTime", kEnd}};
    for (auto& [k, v] : overrides.items())
      body[k] = v;
    auto reply = http().post("/api/v1/sessions", body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  Json reload(const Json& s) {
    auto reply = http().get("/api/v1/sessions/" + s["_id"].get<std::string>());
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  // One scheduler pass at `iso`; returns {opened, ended}.
  Json run_at(const std::string& iso) {
    pin_clock(iso);
    auto reply = http().post("/api/v1/_test/scheduler/run", Json::object());
    EXPECT_EQ(reply.status, 200) << reply.raw;
    EXPECT_EQ(reply.body.value("message", ""), "Scheduler ran");
    return reply.body.value("data", Json::object());
  }

  static Json outcome(const Names& opened, const Names& ended) { return Json{{"opened", opened}, {"ended", ended}}; }

  void put_timing(const Json& body) {
    auto reply = http().put("/api/v1/settings/timing", body);
    ASSERT_EQ(reply.status, 200) << reply.raw;
  }

  ::testing::AssertionResult IsState(const Json& s, const std::string& status, bool open) {
    Json now = reload(s);
    if (now["status"] != status || now["isOpen"] != open) {
      return ::testing::AssertionFailure() << "status " << now["status"] << ", isOpen " << now["isOpen"];
    }
    return ::testing::AssertionSuccess();
  }
};

TEST_F(SchedulerTest, OpensAtStartMinusTheDefaultWindowAndNotBefore) {
  auto s = session("Keynote");
  ASSERT_EQ(s["status"], "scheduled");
  // Default autoOpenMinutesBefore is 10: the window opens at 08:50 sharp.
  EXPECT_EQ(run_at("2026-01-15T08:49:59.999Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(s, "scheduled", false));

  EXPECT_EQ(run_at("2026-01-15T08:50:00.000Z"), outcome({"Keynote"}, {}));
  auto opened = reload(s);
  EXPECT_EQ(opened["status"], "open");
  EXPECT_EQ(opened["isOpen"], true);
  EXPECT_EQ(opened["updatedAt"], "2026-01-15T08:50:00.000Z");

  // And the door now admits people.
  auto p = create_participant();
  auto accepted = http().post("/api/v1/checkin/accept", Json{{"participantId", p}, {"sessionId", s["_id"]}});
  EXPECT_EQ(accepted.status, 201) << accepted.raw;
}

TEST_F(SchedulerTest, OpenWindowFollowsTheStoredSetting) {
  put_timing({{"autoOpenMinutesBefore", 30}});
  auto s = session("Plenary");
  EXPECT_EQ(run_at("2026-01-15T08:29:59.999Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T08:30:00.000Z"), outcome({"Plenary"}, {}));
  EXPECT_TRUE(IsState(s, "open", true));
}

TEST_F(SchedulerTest, PerSessionOpenWindowOverridesTheSetting) {
  put_timing({{"autoOpenMinutesBefore", 30}});
  auto exact = session("Exact", {{"autoOpenMinutesBefore", 0}});  // an explicit 0 is honoured
  auto early = session("Early", {{"autoOpenMinutesBefore", 45}});
  auto plain = session("Plain");

  EXPECT_EQ(run_at("2026-01-15T08:14:59.999Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T08:15:00.000Z"), outcome({"Early"}, {}));
  EXPECT_EQ(run_at("2026-01-15T08:30:00.000Z"), outcome({"Plain"}, {}));
  EXPECT_EQ(run_at("2026-01-15T08:59:59.999Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(exact, "scheduled", false));
  EXPECT_EQ(run_at("2026-01-15T09:00:00.000Z"), outcome({"Exact"}, {}));
  EXPECT_TRUE(IsState(early, "open", true));
  EXPECT_TRUE(IsState(plain, "open", true));
  EXPECT_TRUE(IsState(exact, "open", true));
}

TEST_F(SchedulerTest, EndsAtEndPlusGrace) {
  put_timing({{"autoEndGraceMinutes", 15}});
  auto s = session("Workshop", {{"isOpen", true}});
  auto quick = session("Quick", {{"isOpen", true}, {"autoEndGraceMinutes", 5}});
  auto zero = session("Zero", {{"isOpen", true}, {"autoEndGraceMinutes", 0}});

  EXPECT_EQ(run_at("2026-01-15T09:59:59.999Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T10:00:00.000Z"), outcome({}, {"Zero"}));
  EXPECT_EQ(run_at("2026-01-15T10:04:59.999Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T10:05:00.000Z"), outcome({}, {"Quick"}));
  EXPECT_EQ(run_at("2026-01-15T10:14:59.999Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(s, "open", true));
  EXPECT_EQ(run_at("2026-01-15T10:15:00.000Z"), outcome({}, {"Workshop"}));
  auto ended = reload(s);
  EXPECT_EQ(ended["status"], "ended");
  EXPECT_EQ(ended["isOpen"], false);
  EXPECT_EQ(ended["updatedAt"], "2026-01-15T10:15:00.000Z");

  // An ended session refuses check-ins.
  auto p = create_participant();
  auto refused = http().post("/api/v1/checkin/accept", Json{{"participantId", p}, {"sessionId", s["_id"]}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["message"], "Session is not open for check-ins");
}

TEST_F(SchedulerTest, ScheduledSessionWhoseWindowHasPassedIsEndedNotOpened) {
  auto s = session("Missed");
  EXPECT_EQ(run_at("2026-01-15T11:00:00.000Z"), outcome({}, {"Missed"}));
  EXPECT_TRUE(IsState(s, "ended", false));
}

TEST_F(SchedulerTest, AutoEndDisabledLeavesSessionsOpen) {
  put_timing({{"autoEndEnabled", false}});
  auto s = session("Open house", {{"isOpen", true}});
  EXPECT_EQ(run_at("2026-01-15T12:00:00.000Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(s, "open", true));
  // Auto-open still works while auto-end is off.
  auto later = session("Later");
  EXPECT_EQ(run_at("2026-01-15T08:55:00.000Z"), outcome({"Later"}, {}));

  put_timing({{"autoEndEnabled", true}});
  EXPECT_EQ(run_at("2026-01-15T12:00:00.000Z"), outcome({}, {"Open house", "Later"}));
  EXPECT_TRUE(IsState(later, "ended", false));
}

TEST_F(SchedulerTest, SessionClosedByHandIsNotReopened) {
  // The reference set status "scheduled" on a manual close, so the next tick reopened it (§11.7).
  auto patched = session("Patched");
  auto toggled = session("Toggled");
  EXPECT_EQ(run_at("2026-01-15T09:00:00.000Z"), outcome({"Patched", "Toggled"}, {}));

  pin_clock("2026-01-15T09:10:00.000Z");
  auto r = http().patch("/api/v1/sessions/" + patched["_id"].get<std::string>(), Json{{"isOpen", false}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.data()["status"], "closed");
  r = http().patch("/api/v1/sessions/" + toggled["_id"].get<std::string>() + "/toggle-open?isOpen=false",
                   Json::object());
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.data()["status"], "closed");
  EXPECT_EQ(r.data()["isOpen"], false);

  EXPECT_EQ(run_at("2026-01-15T09:10:00.000Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T09:30:00.000Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(patched, "closed", false));
  EXPECT_TRUE(IsState(toggled, "closed", false));
  // Nor is a closed session "ended" later: it stays as the organiser left it.
  EXPECT_EQ(run_at("2026-01-15T11:00:00.000Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(patched, "closed", false));

  // A session closed before its window never opens by itself either.
  auto early_close = session("Early close", {{"isOpen", true}});
  pin_clock("2026-01-15T08:00:00.000Z");
  ASSERT_EQ(http().patch("/api/v1/sessions/" + early_close["_id"].get<std::string>(), Json{{"isOpen", false}}).status,
            200);
  EXPECT_EQ(run_at("2026-01-15T09:05:00.000Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(early_close, "closed", false));
}

TEST_F(SchedulerTest, SecondPassDoesNothing) {
  auto opening =
      session("Opening", {{"startTime", "2026-01-15T09:30:00.000Z"}, {"endTime", "2026-01-15T11:00:00.000Z"}});
  auto ending = session("Ending", {{"isOpen", true}, {"endTime", "2026-01-15T09:25:00.000Z"}});
  EXPECT_EQ(run_at("2026-01-15T09:25:00.000Z"), outcome({"Opening"}, {"Ending"}));
  auto first_opening = reload(opening);
  auto first_ending = reload(ending);
  EXPECT_EQ(run_at("2026-01-15T09:25:00.000Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T09:26:00.000Z"), outcome({}, {}));
  // Not even updatedAt moves.
  EXPECT_EQ(reload(opening), first_opening);
  EXPECT_EQ(reload(ending), first_ending);
}

TEST_F(SchedulerTest, ClockGoingBackwardsDoesNotReopenEndedSessions) {
  auto s = session("Rewind");
  EXPECT_EQ(run_at("2026-01-15T08:55:00.000Z"), outcome({"Rewind"}, {}));
  EXPECT_EQ(run_at("2026-01-15T10:00:00.000Z"), outcome({}, {"Rewind"}));
  // Back inside the session's window (a corrected NTP clock, a restored VM).
  EXPECT_EQ(run_at("2026-01-15T09:30:00.000Z"), outcome({}, {}));
  EXPECT_EQ(run_at("2026-01-15T08:55:00.000Z"), outcome({}, {}));
  EXPECT_TRUE(IsState(s, "ended", false));
}

TEST_F(SchedulerTest, RunEnvelopeAndAlreadyOpenSessionsAreNotReported) {
  session("Already open", {{"isOpen", true}});
  session("Later", {{"startTime", "2026-01-15T12:00:00.000Z"}, {"endTime", "2026-01-15T13:00:00.000Z"}});
  pin_clock("2026-01-15T09:00:00.000Z");
  auto reply = http().post("/api/v1/_test/scheduler/run", Json::object());
  ASSERT_EQ(reply.status, 200) << reply.raw;
  std::vector<std::string> keys;
  for (const auto& [k, v] : reply.body.items())
    keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"status", "message", "data", "timestamp", "path"}));
  EXPECT_EQ(reply.body["timestamp"], "2026-01-15T09:00:00.000Z");
  EXPECT_EQ(reply.data(), outcome({}, {}));
}

}  // namespace
}  // namespace admit::test
