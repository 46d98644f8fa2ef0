// The check-in routes (/api/v1/checkin, contract §3.4 C1-C13, §4.1-§4.4) against the real binary:
// exact status codes, envelopes (key order included), messages and documents, plus the fixes
// admit makes on purpose (docs/compatibility.md E1, E2, E6, C2-C6, S5).
#include <cctype>
#include <string>
#include <vector>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kStart = "2026-01-15T09:00:00.000Z";
constexpr const char* kEnd = "2026-01-15T10:00:00.000Z";
// 15 minutes after the start: late with the default 10-minute threshold.
constexpr const char* kNow = "2026-01-15T09:15:00.000Z";
constexpr const char* kUnknownId = "0123456789abcdef01234567";

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  if (!object.is_object()) return keys;
  for (const auto& [key, value] : object.items())
    keys.push_back(key);
  return keys;
}

using Keys = std::vector<std::string>;

// A CheckIn document as the reference serialises it; checkedInBy and notes only when set.
Keys check_in_keys(bool with_checked_in_by, bool with_notes) {
  Keys keys = {"_id", "participantId", "sessionId", "checkInTime", "method"};
  if (with_checked_in_by) keys.push_back("checkedInBy");
  if (with_notes) keys.push_back("notes");
  for (const char* k : {"isLate", "badge", "wasRegistered", "createdAt", "updatedAt", "__v"})
    keys.push_back(k);
  return keys;
}

class CheckinTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    // The background scheduler runs on the same (pinned) clock at moments of its own choosing and
    // could open or end a session in the middle of a test; one pass an hour keeps every session
    // change in the tests' hands.
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--scheduler-interval-ms", "3600000"});
  }

  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    at(kNow);
  }

  // Pins the server clock; envelopes' timestamps and check-in times then equal it.
  void at(const std::string& iso) {
    pin_clock(iso);
    now_ = iso;
  }

  // A session from 09:00 to 10:00, open unless overridden; returns the created document.
  Json session(Json overrides = Json::object()) {
    Json body = {{"name", "Workshop " + std::to_string(++counter_)},
                 {"startTime", kStart},
                 {"endTime", kEnd},
                 {"location", "Room 101"},
                 {"isOpen", true}};
    for (auto& [k, v] : overrides.items())
      body[k] = v;
    auto reply = http().post("/api/v1/sessions", body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  Json participant(Json overrides = Json::object()) {
    int n = ++counter_;
    Json body = {{"name", "Jane Doe " + std::to_string(n)},
                 {"email", "jane" + std::to_string(n) + "@example.org"},
                 {"organization", "ACME"}};
    for (auto& [k, v] : overrides.items())
      body[k] = v;
    auto reply = http().post("/api/v1/participants", body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  void enrol(const Json& p, const Json& s, const std::string& status) {
    create_registration(p["_id"].get<std::string>(), s["_id"].get<std::string>(), status);
  }

  Reply verify(const Json& p, const Json& s) {
    return http().post("/api/v1/checkin/verify-qr", Json{{"qrCode", p["qrCode"]}, {"sessionId", s["_id"]}});
  }
  Reply accept(const Json& p, const Json& s, Json extra = Json::object()) {
    Json body = {{"participantId", p["_id"]}, {"sessionId", s["_id"]}};
    for (auto& [k, v] : extra.items())
      body[k] = v;
    return http().post("/api/v1/checkin/accept", body);
  }
  Reply direct(const Json& p, const Json& s, Json extra = Json::object()) {
    Json body = {{"participantId", p["_id"]}, {"sessionId", s["_id"]}};
    for (auto& [k, v] : extra.items())
      body[k] = v;
    return http().post("/api/v1/checkin", body);
  }
  Reply by_qr(const Json& p, const Json& s, Json extra = Json::object()) {
    Json body = {{"qrCode", p["qrCode"]}, {"sessionId", s["_id"]}};
    for (auto& [k, v] : extra.items())
      body[k] = v;
    return http().post("/api/v1/checkin/qr", body);
  }
  Reply decline(const Json& p, const Json& s, Json extra = Json::object()) {
    Json body = {{"participantId", p["_id"]}, {"sessionId", s["_id"]}};
    for (auto& [k, v] : extra.items())
      body[k] = v;
    return http().post("/api/v1/checkin/decline", body);
  }

  Json get_session(const Json& s) {
    auto reply = http().get("/api/v1/sessions/" + s["_id"].get<std::string>());
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body.value("data", Json::object());
  }
  Json get_participant(const Json& p) {
    auto reply = http().get("/api/v1/participants/" + p["_id"].get<std::string>());
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  // Success envelope: status, message, data, [extras...], timestamp, path (contract §1.3).
  ::testing::AssertionResult IsSuccess(const Reply& r, int status, const std::string& message, const std::string& path,
                                       const Keys& extras = {}) {
    if (r.status != status) return ::testing::AssertionFailure() << "status " << r.status << ": " << r.raw;
    Keys expected = {"status", "message", "data"};
    expected.insert(expected.end(), extras.begin(), extras.end());
    expected.insert(expected.end(), {"timestamp", "path"});
    if (keys_of(r.body) != expected) return ::testing::AssertionFailure() << "envelope keys: " << r.raw;
    if (r.body["status"] != "success") return ::testing::AssertionFailure() << r.raw;
    if (r.body["message"] != message) return ::testing::AssertionFailure() << "message: " << r.body["message"];
    if (r.body["path"] != path) return ::testing::AssertionFailure() << "path: " << r.body["path"];
    if (r.body["timestamp"] != now_) return ::testing::AssertionFailure() << "timestamp: " << r.body["timestamp"];
    return ::testing::AssertionSuccess();
  }

  // Error envelope: status, statusCode, message, [errors], timestamp, path, method (§1.4).
  ::testing::AssertionResult IsError(const Reply& r, int status, const std::string& message, const std::string& path,
                                     const std::string& method, bool with_errors) {
    if (r.status != status) return ::testing::AssertionFailure() << "status " << r.status << ": " << r.raw;
    Keys expected = {"status", "statusCode", "message"};
    if (with_errors) expected.push_back("errors");
    expected.insert(expected.end(), {"timestamp", "path", "method"});
    if (keys_of(r.body) != expected) return ::testing::AssertionFailure() << "envelope keys: " << r.raw;
    if (r.body["status"] != "error" || r.body["statusCode"] != status) return ::testing::AssertionFailure() << r.raw;
    if (r.body["message"] != message) return ::testing::AssertionFailure() << "message: " << r.body["message"];
    if (r.body["path"] != path || r.body["method"] != method) return ::testing::AssertionFailure() << r.raw;
    if (r.body["timestamp"] != now_) return ::testing::AssertionFailure() << "timestamp: " << r.body["timestamp"];
    return ::testing::AssertionSuccess();
  }

  std::string now_;
  int counter_ = 0;
};

Json errors(std::initializer_list<std::pair<const char*, std::string>> list) {
  Json out = Json::array();
  for (const auto& [field, message] : list)
    out.push_back(Json{{"field", field}, {"message", message}});
  return out;
}

// ---------------------------------------------------------------------------------------------
// C1 verify-qr: the decision table of §4.1.

TEST_F(CheckinTest, VerifyConfirmedRegistrationIsRegistered) {
  auto s = session();
  auto p = participant();
  enrol(p, s, "confirmed");

  auto r = verify(p, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  const auto& d = r.data();
  // Unlimited session: no capacityInfo key at all.
  EXPECT_EQ(keys_of(d), (Keys{"participant", "session", "verification", "actions"}));
  EXPECT_EQ(d["participant"], (Json{{"_id", p["_id"]},
                                    {"name", p["name"]},
                                    {"email", p["email"]},
                                    {"organization", "ACME"},
                                    {"qrCode", p["qrCode"]}}));
  EXPECT_EQ(d["session"], (Json{{"_id", s["_id"]},
                                {"name", s["name"]},
                                {"isOpen", true},
                                {"requiresRegistration", false},
                                {"capacity", nullptr},
                                {"isAtCapacity", false}}));
  EXPECT_EQ(d["verification"], (Json{{"isRegistered", true},
                                     {"registrationStatus", "confirmed"},
                                     {"isAlreadyCheckedIn", false},
                                     {"badge", "REGISTERED"},
                                     {"isAtCapacity", false}}));
  EXPECT_EQ(
      d["actions"],
      (Json{{"canAccept", true}, {"canDecline", true}, {"acceptLabel", "Check In"}, {"declineLabel", "Decline"}}));
}

TEST_F(CheckinTest, VerifyWithoutConfirmedRegistrationIsNotRegistered) {
  auto s = session();
  auto none = participant({{"organization", nullptr}});
  auto pending = participant();
  auto cancelled = participant();
  enrol(pending, s, "pending");
  enrol(cancelled, s, "cancelled");

  const std::vector<std::pair<Json, Json>> cases = {{none, nullptr}, {pending, "pending"}, {cancelled, "cancelled"}};
  for (const auto& [p, status] : cases) {
    SCOPED_TRACE(status.dump());
    auto r = verify(p, s);
    ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
    EXPECT_EQ(r.data()["verification"], (Json{{"isRegistered", false},
                                              {"registrationStatus", status},
                                              {"isAlreadyCheckedIn", false},
                                              {"badge", "NOT_REGISTERED"},
                                              {"isAtCapacity", false}}));
    EXPECT_EQ(r.data()["actions"], (Json{{"canAccept", true},
                                         {"canDecline", true},
                                         {"acceptLabel", "Accept Anyway"},
                                         {"declineLabel", "Decline Entry"}}));
  }
  // A participant without an organization has no organization key (unset fields are absent).
  EXPECT_EQ(keys_of(verify(none, s).data()["participant"]), (Keys{"_id", "name", "email", "qrCode"}));
}

TEST_F(CheckinTest, VerifyAfterCheckInIsAlreadyCheckedInWithTheExistingCheckIn) {
  auto s = session();
  auto p = participant();
  enrol(p, s, "confirmed");
  auto accepted = accept(p, s);
  ASSERT_EQ(accepted.status, 201) << accepted.raw;

  at("2026-01-15T09:20:00.000Z");
  auto r = verify(p, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  const auto& v = r.data()["verification"];
  EXPECT_EQ(keys_of(v), (Keys{"isRegistered", "registrationStatus", "isAlreadyCheckedIn", "existingCheckIn", "badge",
                              "isAtCapacity"}));
  EXPECT_EQ(v["isRegistered"], true);
  EXPECT_EQ(v["isAlreadyCheckedIn"], true);
  EXPECT_EQ(v["badge"], "ALREADY_CHECKED_IN");
  EXPECT_EQ(v["existingCheckIn"], (Json{{"_id", accepted.data()["_id"]}, {"checkInTime", kNow}, {"method", "qr"}}));
  // Both actions off; the labels stay the defaults.
  EXPECT_EQ(
      r.data()["actions"],
      (Json{{"canAccept", false}, {"canDecline", false}, {"acceptLabel", "Check In"}, {"declineLabel", "Decline"}}));
}

TEST_F(CheckinTest, VerifyOnClosedSessionCannotAcceptAndSaysSessionClosed) {
  auto s = session({{"isOpen", false}});
  auto registered = participant();
  auto walk_in = participant();
  enrol(registered, s, "confirmed");

  auto r = verify(registered, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  EXPECT_EQ(r.data()["session"]["isOpen"], false);
  EXPECT_EQ(r.data()["verification"]["badge"], "REGISTERED");
  EXPECT_EQ(r.data()["actions"], (Json{{"canAccept", false},
                                       {"canDecline", true},
                                       {"acceptLabel", "Check In"},
                                       {"declineLabel", "Session Closed"}}));

  r = verify(walk_in, s);
  EXPECT_EQ(r.data()["verification"]["badge"], "NOT_REGISTERED");
  EXPECT_EQ(r.data()["actions"], (Json{{"canAccept", false},
                                       {"canDecline", true},
                                       {"acceptLabel", "Accept Anyway"},
                                       {"declineLabel", "Session Closed"}}));
}

TEST_F(CheckinTest, VerifyOnFullEnforcedSessionSaysSessionFullWithCapacityInfo) {
  auto s = session({{"capacity", 2}});
  auto first = participant();
  auto second = participant();
  auto third = participant();

  // Below capacity: capacityInfo present, not at capacity.
  auto r = verify(first, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  EXPECT_EQ(keys_of(r.data()), (Keys{"participant", "session", "verification", "actions", "capacityInfo"}));
  EXPECT_EQ(r.data()["capacityInfo"], (Json{{"current", 0}, {"max", 2}, {"remaining", 2}}));
  EXPECT_EQ(r.data()["session"]["capacity"], 2);

  ASSERT_EQ(accept(first, s).status, 201);
  r = verify(second, s);
  EXPECT_EQ(r.data()["capacityInfo"], (Json{{"current", 1}, {"max", 2}, {"remaining", 1}}));
  EXPECT_EQ(r.data()["session"]["isAtCapacity"], false);
  ASSERT_EQ(accept(second, s).status, 201);

  r = verify(third, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  EXPECT_EQ(r.data()["capacityInfo"], (Json{{"current", 2}, {"max", 2}, {"remaining", 0}}));
  EXPECT_EQ(r.data()["session"]["isAtCapacity"], true);
  EXPECT_EQ(r.data()["verification"]["isAtCapacity"], true);
  EXPECT_EQ(r.data()["actions"], (Json{{"canAccept", false},
                                       {"canDecline", true},
                                       {"acceptLabel", "Session Full"},
                                       {"declineLabel", "Decline Entry"}}));

  // Someone already inside a full session is shown as checked in, not as "Session Full".
  r = verify(first, s);
  EXPECT_EQ(r.data()["verification"]["badge"], "ALREADY_CHECKED_IN");
  EXPECT_EQ(r.data()["actions"]["acceptLabel"], "Check In");
}

TEST_F(CheckinTest, VerifyOnUnenforcedCapacityHasNoCapacityInfo) {
  auto s = session({{"capacity", 1}, {"capacityEnforced", false}});
  auto first = participant();
  auto second = participant();
  ASSERT_EQ(accept(first, s).status, 201);

  auto r = verify(second, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  EXPECT_EQ(keys_of(r.data()), (Keys{"participant", "session", "verification", "actions"}));
  EXPECT_EQ(r.data()["session"]["capacity"], 1);
  EXPECT_EQ(r.data()["session"]["isAtCapacity"], false);
  EXPECT_EQ(r.data()["actions"]["canAccept"], true);
}

TEST_F(CheckinTest, VerifyInactiveParticipantCannotBeAccepted) {
  // docs/compatibility.md C5: the reference never consulted isActive.
  auto s = session();
  auto p = participant({{"isActive", false}});
  auto r = verify(p, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Participant verification complete", "/api/v1/checkin/verify-qr"));
  EXPECT_EQ(r.data()["actions"]["canAccept"], false);
  EXPECT_EQ(r.data()["actions"]["acceptLabel"], "Participant Inactive");
  EXPECT_EQ(r.data()["actions"]["canDecline"], true);
}

TEST_F(CheckinTest, VerifyErrors) {
  auto s = session();
  auto p = participant();
  const std::string path = "/api/v1/checkin/verify-qr";

  // The participant is looked up first: an unknown code wins over an unknown session.
  auto r = http().post(path, Json{{"qrCode", "QR-NOPE"}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, "Participant with ID qrCode: QR-NOPE not found", path, "POST", false));
  r = http().post(path, Json{{"qrCode", p["qrCode"]}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, std::string("Session with ID ") + kUnknownId + " not found", path, "POST", false));
  // Lookups are exact and case-sensitive.
  std::string lower = p["qrCode"];
  for (auto& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  r = http().post(path, Json{{"qrCode", lower}, {"sessionId", s["_id"]}});
  EXPECT_TRUE(IsError(r, 404, "Participant with ID qrCode: " + lower + " not found", path, "POST", false));

  r = http().post(path, Json{{"qrCode", "  "}, {"sessionId", "nope"}, {"extra", 1}});
  ASSERT_TRUE(IsError(r, 400, "Validation failed", path, "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"qrCode", "qrCode should not be empty"},
                                      {"sessionId", "sessionId must be a mongodb id"},
                                      {"extra", "property extra should not exist"}}));
}

TEST_F(CheckinTest, VerifyWritesNothing) {
  auto s = session({{"capacity", 5}});
  auto p = participant();
  auto before = get_session(s);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(verify(p, s).status, 200);

  EXPECT_EQ(get_session(s), before);  // not even updatedAt moves
  EXPECT_EQ(http().get("/api/v1/checkin").body["meta"]["total"], 0);
  EXPECT_EQ(http().get("/api/v1/checkin/attempts").body["meta"]["total"], 0);
  EXPECT_EQ(http().get("/api/v1/checkin/stats").data(), (Json{{"total", 0}, {"qr", 0}, {"manual", 0}}));
  EXPECT_EQ(get_participant(p), p);
}

// ---------------------------------------------------------------------------------------------
// C2 accept.

TEST_F(CheckinTest, AcceptRegisteredParticipant) {
  auto s = session({{"capacity", 4}});
  auto p = participant();
  enrol(p, s, "confirmed");

  auto r = accept(p, s, {{"checkedInBy", "  Officer A  "}, {"notes", "Front door"}});
  ASSERT_TRUE(
      IsSuccess(r, 201, "Check-in accepted successfully", "/api/v1/checkin/accept", {"capacityInfo", "wasRegistered"}));
  const auto& c = r.data();
  EXPECT_EQ(keys_of(c), check_in_keys(true, true));
  EXPECT_EQ(c["_id"].get<std::string>().size(), 24U);
  EXPECT_EQ(c["participantId"], p["_id"]);  // unpopulated
  EXPECT_EQ(c["sessionId"], s["_id"]);
  EXPECT_EQ(c["checkInTime"], kNow);
  EXPECT_EQ(c["method"], "qr");
  EXPECT_EQ(c["checkedInBy"], "Officer A");  // trimmed
  EXPECT_EQ(c["notes"], "Front door");
  EXPECT_EQ(c["isLate"], true);  // 15 min after the start, threshold 10
  EXPECT_EQ(c["badge"], "accepted");
  EXPECT_EQ(c["wasRegistered"], true);
  EXPECT_EQ(c["createdAt"], kNow);
  EXPECT_EQ(c["__v"], 0);
  EXPECT_EQ(
      r.body["capacityInfo"],
      (Json{{"capacity", 4}, {"checkInsCount", 1}, {"remaining", 3}, {"percentFull", 25}, {"isNearCapacity", false}}));
  EXPECT_EQ(r.body["wasRegistered"], true);
  EXPECT_EQ(get_session(s)["checkInsCount"], 1);
}

TEST_F(CheckinTest, AcceptUnregisteredParticipantIsMarkedSo) {
  auto s = session();
  auto none = participant();
  auto pending = participant();
  enrol(pending, s, "pending");

  auto r = accept(none, s);
  ASSERT_TRUE(IsSuccess(r, 201, "Check-in accepted (participant was not registered)", "/api/v1/checkin/accept",
                        {"capacityInfo", "wasRegistered"}));
  EXPECT_EQ(keys_of(r.data()), check_in_keys(false, false));
  EXPECT_EQ(r.data()["badge"], "accepted_unregistered");
  EXPECT_EQ(r.data()["wasRegistered"], false);
  EXPECT_EQ(r.body["wasRegistered"], false);
  // Unlimited: remaining -1, and the count includes this check-in (compatibility C2).
  EXPECT_EQ(
      r.body["capacityInfo"],
      (Json{{"capacity", 0}, {"checkInsCount", 1}, {"remaining", -1}, {"percentFull", 0}, {"isNearCapacity", false}}));

  // A pending registration is not a registration.
  r = accept(pending, s);
  ASSERT_TRUE(IsSuccess(r, 201, "Check-in accepted (participant was not registered)", "/api/v1/checkin/accept",
                        {"capacityInfo", "wasRegistered"}));
  EXPECT_EQ(r.data()["badge"], "accepted_unregistered");
  EXPECT_EQ(r.body["capacityInfo"]["checkInsCount"], 2);
}

TEST_F(CheckinTest, AcceptTakesTheDoorAppsAcceptedByAsCheckedInBy) {
  auto s = session();
  auto door_app = participant();
  auto both = participant();
  auto r = accept(door_app, s, {{"acceptedBy", "Door 3"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.data()["checkedInBy"], "Door 3");
  // checkedInBy wins when both are sent.
  r = accept(both, s, {{"acceptedBy", "Door 3"}, {"checkedInBy", "Officer B"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.data()["checkedInBy"], "Officer B");
}

TEST_F(CheckinTest, AcceptCapacityInfoNearAndOverUnenforcedCapacity) {
  auto s = session({{"capacity", 5}});
  Reply r;
  for (int i = 0; i < 4; ++i)
    r = accept(participant(), s);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(
      r.body["capacityInfo"],
      (Json{{"capacity", 5}, {"checkInsCount", 4}, {"remaining", 1}, {"percentFull", 80}, {"isNearCapacity", true}}));

  // capacityEnforced false: overflow is allowed, remaining floors at 0.
  auto open_ended = session({{"capacity", 1}, {"capacityEnforced", false}});
  ASSERT_EQ(accept(participant(), open_ended).status, 201);
  r = accept(participant(), open_ended);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(
      r.body["capacityInfo"],
      (Json{{"capacity", 1}, {"checkInsCount", 2}, {"remaining", 0}, {"percentFull", 200}, {"isNearCapacity", true}}));
}

TEST_F(CheckinTest, AcceptOnClosedSessionIsRefusedWithTheReason) {
  auto s = session({{"isOpen", false}});
  auto p = participant();
  auto r = accept(p, s);
  // The reference answered only "Validation failed"; admit keeps the detail (compatibility E1).
  ASSERT_TRUE(IsError(r, 400, "Session is not open for check-ins", "/api/v1/checkin/accept", "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"sessionId", "Session is not open for check-ins"}}));
  // The session is checked before the participant.
  r = accept(Json{{"_id", kUnknownId}}, s);
  EXPECT_TRUE(IsError(r, 400, "Session is not open for check-ins", "/api/v1/checkin/accept", "POST", true));
  EXPECT_EQ(get_session(s)["checkInsCount"], 0);
}

TEST_F(CheckinTest, AcceptOnFullSessionIsRefused) {
  auto s = session({{"capacity", 2}});
  ASSERT_EQ(accept(participant(), s).status, 201);
  ASSERT_EQ(accept(participant(), s).status, 201);
  auto r = accept(participant(), s);
  ASSERT_TRUE(IsError(r, 400, "Session is at full capacity (2 participants).", "/api/v1/checkin/accept", "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"sessionId", "Session is at full capacity (2 participants)."}}));
  EXPECT_EQ(get_session(s)["checkInsCount"], 2);
}

TEST_F(CheckinTest, AcceptTwiceIsAConflict) {
  auto s = session({{"capacity", 1}});
  auto p = participant({{"name", "Jane Doe"}});
  ASSERT_EQ(accept(p, s).status, 201);
  // The duplicate is reported even though the session is now full (compatibility C3).
  auto r = accept(p, s);
  const std::string message =
      "CheckIn with participant-session \"Participant Jane Doe is already checked in to this session\" already exists";
  ASSERT_TRUE(IsError(r, 409, message, "/api/v1/checkin/accept", "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"participantId", message}}));
  EXPECT_EQ(get_session(s)["checkInsCount"], 1);
}

TEST_F(CheckinTest, AcceptDoesNotEnforceRequiresRegistration) {
  // The officer's "Accept Anyway" override (§4.1 accept step 3, compatibility C7).
  auto s = session({{"requiresRegistration", true}});
  auto r = accept(participant(), s);
  ASSERT_TRUE(IsSuccess(r, 201, "Check-in accepted (participant was not registered)", "/api/v1/checkin/accept",
                        {"capacityInfo", "wasRegistered"}));
  EXPECT_EQ(r.data()["badge"], "accepted_unregistered");
}

TEST_F(CheckinTest, AcceptInactiveParticipantIsRefused) {
  auto s = session();
  auto p = participant({{"isActive", false}});
  auto r = accept(p, s);
  ASSERT_TRUE(
      IsError(r, 400, "Participant is inactive and cannot be checked in", "/api/v1/checkin/accept", "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"participantId", "Participant is inactive and cannot be checked in"}}));
  EXPECT_EQ(get_session(s)["checkInsCount"], 0);
}

TEST_F(CheckinTest, AcceptErrors) {
  auto s = session();
  auto p = participant();
  const std::string path = "/api/v1/checkin/accept";
  // Session first (404), then participant (404).
  auto r = http().post(path, Json{{"participantId", kUnknownId}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, std::string("Session with ID ") + kUnknownId + " not found", path, "POST", false));
  r = http().post(path, Json{{"participantId", kUnknownId}, {"sessionId", s["_id"]}});
  EXPECT_TRUE(IsError(r, 404, std::string("Participant with ID ") + kUnknownId + " not found", path, "POST", false));

  r = http().post(path, Json{{"participantId", "abc"}, {"notes", std::string(501, 'x')}, {"by", "me"}});
  ASSERT_TRUE(IsError(r, 400, "Validation failed", path, "POST", true));
  // The field is the property itself (compatibility E2).
  EXPECT_EQ(r.body["errors"], errors({{"participantId", "participantId must be a mongodb id"},
                                      {"sessionId", "sessionId must be a mongodb id"},
                                      {"notes", "notes must be shorter than or equal to 500 characters"},
                                      {"by", "property by should not exist"}}));
  EXPECT_EQ(http().get("/api/v1/checkin/stats").data()["total"], 0);
}

// ---------------------------------------------------------------------------------------------
// C3 decline.

TEST_F(CheckinTest, DeclineLogsAnAttemptWithTheDefaultReason) {
  auto s = session();
  auto p = participant();
  auto r = decline(p, s);
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in declined and logged", "/api/v1/checkin/decline", {"participant", "session"}));
  const auto& a = r.data();
  EXPECT_EQ(keys_of(a), (Keys{"_id", "participantId", "sessionId", "attemptTime", "status", "reason", "wasRegistered",
                              "createdAt", "updatedAt", "__v"}));
  EXPECT_EQ(a["participantId"], p["_id"]);
  EXPECT_EQ(a["sessionId"], s["_id"]);
  EXPECT_EQ(a["attemptTime"], kNow);
  EXPECT_EQ(a["status"], "declined");
  EXPECT_EQ(a["reason"], "Check-in declined by officer");
  EXPECT_EQ(a["wasRegistered"], false);
  EXPECT_EQ(r.body["participant"], (Json{{"_id", p["_id"]}, {"name", p["name"]}, {"email", p["email"]}}));
  EXPECT_EQ(r.body["session"], (Json{{"_id", s["_id"]}, {"name", s["name"]}}));
  // A decline is not a check-in.
  EXPECT_EQ(get_session(s)["checkInsCount"], 0);
}

TEST_F(CheckinTest, DeclineCanBeRepeatedAndIgnoresSessionState) {
  auto s = session({{"isOpen", false}});
  auto p = participant();
  enrol(p, s, "confirmed");
  for (int i = 0; i < 3; ++i) {
    auto r = decline(p, s, {{"declinedBy", " Officer C "}, {"reason", "No badge"}});
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.data()["declinedBy"], "Officer C");
    EXPECT_EQ(r.data()["reason"], "No badge");
    EXPECT_EQ(r.data()["wasRegistered"], true);
  }
  // An empty reason gets the default, as the reference's `reason || default` does.
  auto r = decline(p, s, {{"reason", ""}});
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.data()["reason"], "Check-in declined by officer");
  EXPECT_EQ(keys_of(r.data()), (Keys{"_id", "participantId", "sessionId", "attemptTime", "status", "reason",
                                     "wasRegistered", "createdAt", "updatedAt", "__v"}));
  // Declining someone already inside is allowed too (no state check).
  ASSERT_EQ(http().patch("/api/v1/sessions/" + s["_id"].get<std::string>(), Json{{"isOpen", true}}).status, 200);
  ASSERT_EQ(accept(p, s).status, 201);
  EXPECT_EQ(decline(p, s).status, 200);

  auto stats = http().get("/api/v1/checkin/attempts/stats?sessionId=" + s["_id"].get<std::string>());
  ASSERT_TRUE(IsSuccess(stats, 200, "Attempt statistics retrieved",
                        "/api/v1/checkin/attempts/stats?sessionId=" + s["_id"].get<std::string>()));
  EXPECT_EQ(stats.data(), (Json{{"total", 5}, {"declined", 5}, {"failed", 0}}));
}

TEST_F(CheckinTest, DeclineErrors) {
  auto s = session();
  auto p = participant();
  const std::string path = "/api/v1/checkin/decline";
  // Participant first, then session (the reverse of accept).
  auto r = http().post(path, Json{{"participantId", kUnknownId}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, std::string("Participant with ID ") + kUnknownId + " not found", path, "POST", false));
  r = http().post(path, Json{{"participantId", p["_id"]}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, std::string("Session with ID ") + kUnknownId + " not found", path, "POST", false));
  r = http().post(path, Json{{"participantId", p["_id"]}, {"sessionId", s["_id"]}, {"reason", std::string(501, 'r')}});
  ASSERT_TRUE(IsError(r, 400, "Validation failed", path, "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"reason", "reason must be shorter than or equal to 500 characters"}}));
  EXPECT_EQ(http().get("/api/v1/checkin/attempts/stats").data()["total"], 0);
}

// ---------------------------------------------------------------------------------------------
// C6 POST /checkin and C7 POST /checkin/qr.

TEST_F(CheckinTest, DirectCheckInDefaultsToManualAndRecordsTheRealRegistration) {
  auto s = session({{"capacity", 10}});
  auto registered = participant();
  auto walk_in = participant();
  enrol(registered, s, "confirmed");

  auto r = direct(registered, s, {{"checkedInBy", "Desk"}});
  // No wasRegistered extra on the direct routes.
  ASSERT_TRUE(IsSuccess(r, 201, "Check-in created successfully", "/api/v1/checkin", {"capacityInfo"}));
  EXPECT_EQ(keys_of(r.data()), check_in_keys(true, false));
  EXPECT_EQ(r.data()["method"], "manual");
  EXPECT_EQ(r.data()["badge"], "accepted");
  EXPECT_EQ(r.data()["wasRegistered"], true);
  EXPECT_EQ(
      r.body["capacityInfo"],
      (Json{{"capacity", 10}, {"checkInsCount", 1}, {"remaining", 9}, {"percentFull", 10}, {"isNearCapacity", false}}));

  // The reference stored accepted/true for everyone; admit stores the truth (compatibility C4).
  r = direct(walk_in, s, {{"method", "qr"}});
  ASSERT_TRUE(IsSuccess(r, 201, "Check-in created successfully", "/api/v1/checkin", {"capacityInfo"}));
  EXPECT_EQ(r.data()["method"], "qr");
  EXPECT_EQ(r.data()["badge"], "accepted_unregistered");
  EXPECT_EQ(r.data()["wasRegistered"], false);
  EXPECT_EQ(http().get("/api/v1/checkin/stats").data(), (Json{{"total", 2}, {"qr", 1}, {"manual", 1}}));
}

TEST_F(CheckinTest, DirectCheckInEnforcesRequiresRegistration) {
  auto s = session({{"requiresRegistration", true}});
  auto none = participant();
  auto pending = participant();
  auto cancelled = participant();
  auto confirmed = participant();
  enrol(pending, s, "pending");
  enrol(cancelled, s, "cancelled");
  enrol(confirmed, s, "confirmed");

  const std::string not_registered = "Participant is not registered for this session. This is an invite-only workshop.";
  auto r = direct(none, s);
  ASSERT_TRUE(IsError(r, 400, not_registered, "/api/v1/checkin", "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"participantId", not_registered}}));
  r = by_qr(none, s);
  EXPECT_TRUE(IsError(r, 400, not_registered, "/api/v1/checkin/qr", "POST", true));

  const std::string pending_message = "Registration status is \"pending\". Only confirmed registrations can check in.";
  r = direct(pending, s);
  ASSERT_TRUE(IsError(r, 400, pending_message, "/api/v1/checkin", "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"participantId", pending_message}}));
  r = by_qr(cancelled, s);
  EXPECT_TRUE(IsError(r, 400, "Registration status is \"cancelled\". Only confirmed registrations can check in.",
                      "/api/v1/checkin/qr", "POST", true));

  r = direct(confirmed, s);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.data()["badge"], "accepted");
  EXPECT_EQ(get_session(s)["checkInsCount"], 1);
}

TEST_F(CheckinTest, DirectCheckInRefusals) {
  auto closed = session({{"isOpen", false}});
  auto full = session({{"capacity", 1}});
  auto p = participant({{"name", "Jane Doe"}});
  const std::string path = "/api/v1/checkin";

  auto r = direct(p, closed);
  EXPECT_TRUE(IsError(r, 400, "Session is not open for check-ins", path, "POST", true));
  ASSERT_EQ(direct(p, full).status, 201);
  r = direct(participant(), full);
  const std::string full_message = "Session is at full capacity (1 participants). Cannot accept more check-ins.";
  ASSERT_TRUE(IsError(r, 400, full_message, path, "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"sessionId", full_message}}));
  r = direct(p, full);
  EXPECT_TRUE(IsError(
      r, 409,
      "CheckIn with participant-session \"Participant Jane Doe is already checked in to this session\" already exists",
      path, "POST", true));

  r = http().post(path, Json{{"participantId", kUnknownId}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, std::string("Session with ID ") + kUnknownId + " not found", path, "POST", false));
  r = http().post(path, Json{{"participantId", kUnknownId}, {"sessionId", full["_id"]}});
  EXPECT_TRUE(IsError(r, 404, std::string("Participant with ID ") + kUnknownId + " not found", path, "POST", false));
  r = http().post(path, Json{{"participantId", p["_id"]}, {"sessionId", full["_id"]}, {"method", "scan"}});
  ASSERT_TRUE(IsError(r, 400, "Validation failed", path, "POST", true));
  EXPECT_EQ(r.body["errors"], errors({{"method", "method must be one of the following values: qr, manual"}}));
  EXPECT_EQ(get_session(full)["checkInsCount"], 1);
}

TEST_F(CheckinTest, QrCheckInForcesMethodQr) {
  auto s = session();
  auto p = participant();
  enrol(p, s, "confirmed");
  auto r = by_qr(p, s, {{"checkedInBy", "Scanner 1"}});
  ASSERT_TRUE(IsSuccess(r, 201, "QR check-in successful", "/api/v1/checkin/qr", {"capacityInfo"}));
  EXPECT_EQ(keys_of(r.data()), check_in_keys(true, false));
  EXPECT_EQ(r.data()["participantId"], p["_id"]);
  EXPECT_EQ(r.data()["method"], "qr");
  EXPECT_EQ(r.data()["badge"], "accepted");
  EXPECT_EQ(r.data()["wasRegistered"], true);
  EXPECT_EQ(
      r.body["capacityInfo"],
      (Json{{"capacity", 0}, {"checkInsCount", 1}, {"remaining", -1}, {"percentFull", 0}, {"isNearCapacity", false}}));

  r = by_qr(p, s);
  EXPECT_TRUE(IsError(r, 409,
                      "CheckIn with participant-session \"Participant " + p["name"].get<std::string>() +
                          " is already checked in to this session\" already exists",
                      "/api/v1/checkin/qr", "POST", true));
}

TEST_F(CheckinTest, QrCheckInErrors) {
  auto s = session();
  auto p = participant();
  const std::string path = "/api/v1/checkin/qr";
  // The QR code is resolved before anything else.
  auto r = http().post(path, Json{{"qrCode", "QR-NOPE"}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, "Participant with ID qrCode: QR-NOPE not found", path, "POST", false));
  r = http().post(path, Json{{"qrCode", p["qrCode"]}, {"sessionId", kUnknownId}});
  EXPECT_TRUE(IsError(r, 404, std::string("Session with ID ") + kUnknownId + " not found", path, "POST", false));
  r = http().post(path, Json{{"qrCode", ""}, {"sessionId", s["_id"]}, {"method", "manual"}});
  ASSERT_TRUE(IsError(r, 400, "Validation failed", path, "POST", true));
  EXPECT_EQ(r.body["errors"],
            errors({{"qrCode", "qrCode should not be empty"}, {"method", "property method should not exist"}}));
}

// §4.4: late = strictly after start + threshold; per-session threshold, then the stored setting.
TEST_F(CheckinTest, LateDetectionUsesTheDefaultThreshold) {
  auto s = session();
  const std::vector<std::pair<std::string, bool>> cases = {
      {"2026-01-15T08:55:00.000Z", false},  // early is never late
      {"2026-01-15T09:05:00.000Z", false},
      {"2026-01-15T09:10:00.000Z", false},  // exactly start + 10: not strictly after
      {"2026-01-15T09:10:00.001Z", true},
      {"2026-01-15T09:15:00.000Z", true},
  };
  for (const auto& [when, late] : cases) {
    SCOPED_TRACE(when);
    at(when);
    auto r = direct(participant(), s);
    ASSERT_EQ(r.status, 201) << r.raw;
    EXPECT_EQ(r.data()["isLate"], late);
    EXPECT_EQ(r.data()["checkInTime"], when);
  }
  at("2026-01-15T09:05:00.000Z");
  auto r = accept(participant(), s);
  EXPECT_EQ(r.data()["isLate"], false);
  at("2026-01-15T09:15:00.000Z");
  r = by_qr(participant(), s);
  EXPECT_EQ(r.data()["isLate"], true);
}

TEST_F(CheckinTest, LateDetectionHonoursSessionAndStoredThresholds) {
  auto relaxed = session({{"lateThresholdMinutes", 20}});
  auto strict = session({{"lateThresholdMinutes", 0}});
  auto plain = session();

  at("2026-01-15T09:15:00.000Z");
  EXPECT_EQ(direct(participant(), relaxed).data()["isLate"], false);
  EXPECT_EQ(direct(participant(), plain).data()["isLate"], true);
  at("2026-01-15T09:00:01.000Z");
  EXPECT_EQ(direct(participant(), strict).data()["isLate"], true);  // an explicit 0 is honoured

  // The stored setting applies to sessions without their own threshold (compatibility S5).
  auto put = http().put("/api/v1/settings/timing", Json{{"lateThresholdMinutes", 30}});
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_EQ(put.data()["lateThresholdMinutes"], 30);
  at("2026-01-15T09:25:00.000Z");
  EXPECT_EQ(direct(participant(), plain).data()["isLate"], false);
  EXPECT_EQ(accept(participant(), relaxed).data()["isLate"], true);  // the session's 20 wins over 30
  at("2026-01-15T09:30:00.001Z");
  EXPECT_EQ(by_qr(participant(), plain).data()["isLate"], true);
}

// ---------------------------------------------------------------------------------------------
// C8 list, C9 stats, C10 recent.

TEST_F(CheckinTest, ListPopulatesReferencesAndPages) {
  auto s = session();
  auto a = participant();
  auto b = participant({{"organization", nullptr}});
  auto c = participant();
  at("2026-01-15T09:01:00.000Z");
  ASSERT_EQ(accept(a, s).status, 201);
  at("2026-01-15T09:02:00.000Z");
  ASSERT_EQ(direct(b, s).status, 201);
  at("2026-01-15T09:03:00.000Z");
  ASSERT_EQ(by_qr(c, s).status, 201);

  auto r = http().get("/api/v1/checkin?limit=2");
  ASSERT_TRUE(IsSuccess(r, 200, "Check-ins retrieved successfully", "/api/v1/checkin?limit=2", {"meta"}));
  EXPECT_EQ(
      r.body["meta"],
      (Json{
          {"total", 3}, {"page", 1}, {"limit", 2}, {"totalPages", 2}, {"hasNextPage", true}, {"hasPrevPage", false}}));
  ASSERT_EQ(r.data().size(), 2U);
  // Default order: createdAt descending.
  const auto& newest = r.data()[0];
  EXPECT_EQ(newest["checkInTime"], "2026-01-15T09:03:00.000Z");
  EXPECT_EQ(newest["participantId"], (Json{{"_id", c["_id"]},
                                           {"name", c["name"]},
                                           {"email", c["email"]},
                                           {"organization", "ACME"},
                                           {"qrCode", c["qrCode"]}}));
  EXPECT_EQ(
      newest["sessionId"],
      (Json{
          {"_id", s["_id"]}, {"name", s["name"]}, {"startTime", kStart}, {"endTime", kEnd}, {"location", "Room 101"}}));
  EXPECT_EQ(keys_of(r.data()[1]["participantId"]), (Keys{"_id", "name", "email", "qrCode"}));

  r = http().get("/api/v1/checkin?limit=2&page=2&sortOrder=asc&sortBy=checkInTime");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(
      r.body["meta"],
      (Json{
          {"total", 3}, {"page", 2}, {"limit", 2}, {"totalPages", 2}, {"hasNextPage", false}, {"hasPrevPage", true}}));
  ASSERT_EQ(r.data().size(), 1U);
  EXPECT_EQ(r.data()[0]["participantId"]["_id"], c["_id"]);
}

TEST_F(CheckinTest, ListFilters) {
  auto s1 = session();
  auto s2 = session();
  auto a = participant();
  auto b = participant();
  at("2026-01-15T09:05:00.000Z");
  ASSERT_EQ(accept(a, s1).status, 201);  // qr
  at("2026-01-15T09:10:00.000Z");
  ASSERT_EQ(direct(b, s1).status, 201);  // manual
  at("2026-01-15T09:15:00.000Z");
  ASSERT_EQ(direct(a, s2).status, 201);  // manual

  auto ids = [&](const std::string& query) {
    auto r = http().get("/api/v1/checkin" + query);
    EXPECT_EQ(r.status, 200) << r.raw;
    std::vector<std::string> out;
    for (const auto& c : r.body.value("data", Json::array()))
      out.push_back(c["participantId"]["_id"].get<std::string>() + "@" + c["checkInTime"].get<std::string>());
    EXPECT_EQ(r.body["meta"]["total"], out.size());
    return out;
  };
  const std::string a05 = a["_id"].get<std::string>() + "@2026-01-15T09:05:00.000Z";
  const std::string b10 = b["_id"].get<std::string>() + "@2026-01-15T09:10:00.000Z";
  const std::string a15 = a["_id"].get<std::string>() + "@2026-01-15T09:15:00.000Z";
  using V = std::vector<std::string>;
  EXPECT_EQ(ids("?method=qr"), V{a05});
  EXPECT_EQ(ids("?method=manual"), (V{a15, b10}));
  EXPECT_EQ(ids("?participantId=" + a["_id"].get<std::string>()), (V{a15, a05}));
  EXPECT_EQ(ids("?sessionId=" + s1["_id"].get<std::string>()), (V{b10, a05}));
  EXPECT_EQ(ids("?sessionId=" + s2["_id"].get<std::string>() + "&method=qr"), V{});
  // Both bounds are inclusive.
  EXPECT_EQ(ids("?checkInAfter=2026-01-15T09:10:00.000Z"), (V{a15, b10}));
  EXPECT_EQ(ids("?checkInBefore=2026-01-15T09:10:00.000Z"), (V{b10, a05}));
  EXPECT_EQ(ids("?checkInAfter=2026-01-15T09:10:00.000Z&checkInBefore=2026-01-15T09:10:00.000Z"), V{b10});
  EXPECT_EQ(ids("?checkInAfter=2026-01-15T09:10:00.001Z&checkInBefore=2026-01-15T09:14:59.999Z"), V{});

  // search is accepted and ignored by check-ins (§1.6).
  EXPECT_EQ(ids("?search=nobody"), (V{a15, b10, a05}));

  at(kNow);
  auto r = http().get("/api/v1/checkin?limit=101&page=0&sortBy=name");
  ASSERT_TRUE(IsError(r, 400, "Validation failed", "/api/v1/checkin?limit=101&page=0&sortBy=name", "GET", true));
  EXPECT_EQ(r.body["errors"],
            errors({{"page", "page must not be less than 1"},
                    {"limit", "limit must not be greater than 100"},
                    {"sortBy",
                     "sortBy must be one of the following values: createdAt, updatedAt, _id, checkInTime, "
                     "method, participantId, sessionId, isLate"}}));
  r = http().get("/api/v1/checkin?method=scan&sessionId=1");
  ASSERT_TRUE(IsError(r, 400, "Validation failed", "/api/v1/checkin?method=scan&sessionId=1", "GET", true));
  EXPECT_EQ(r.body["errors"], errors({{"method", "method must be one of the following values: qr, manual"},
                                      {"sessionId", "sessionId must be a mongodb id"}}));
}

TEST_F(CheckinTest, StatsCountByMethodOverallAndPerSession) {
  auto s1 = session();
  auto s2 = session();
  ASSERT_EQ(accept(participant(), s1).status, 201);
  ASSERT_EQ(by_qr(participant(), s1).status, 201);
  ASSERT_EQ(direct(participant(), s1).status, 201);
  ASSERT_EQ(direct(participant(), s2, {{"method", "manual"}}).status, 201);

  auto r = http().get("/api/v1/checkin/stats");
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in statistics retrieved successfully", "/api/v1/checkin/stats"));
  EXPECT_EQ(r.data(), (Json{{"total", 4}, {"qr", 2}, {"manual", 2}}));
  const std::string path = "/api/v1/checkin/stats?sessionId=" + s1["_id"].get<std::string>();
  r = http().get(path);
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in statistics retrieved successfully", path));
  EXPECT_EQ(r.data(), (Json{{"total", 3}, {"qr", 2}, {"manual", 1}}));
  r = http().get(std::string("/api/v1/checkin/stats?sessionId=") + kUnknownId);
  EXPECT_EQ(r.data(), (Json{{"total", 0}, {"qr", 0}, {"manual", 0}}));

  // The reference answered 500 with a BSON message (compatibility E6).
  r = http().get("/api/v1/checkin/stats?sessionId=bad");
  ASSERT_TRUE(IsError(r, 400, "Validation failed", "/api/v1/checkin/stats?sessionId=bad", "GET", true));
  EXPECT_EQ(r.body["errors"], errors({{"sessionId", "sessionId must be a mongodb id"}}));
}

TEST_F(CheckinTest, RecentIsNewestFirstFullyPopulatedAndLimited) {
  auto s1 = session();
  auto s2 = session();
  std::vector<Json> people;
  for (int i = 0; i < 11; ++i) {
    people.push_back(participant());
    at("2026-01-15T09:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ":00.000Z");
    // Alternate sessions; the oldest is in s2.
    ASSERT_EQ(direct(people.back(), i % 2 == 0 ? s2 : s1).status, 201);
  }
  at(kNow);

  auto r = http().get("/api/v1/checkin/recent");
  ASSERT_TRUE(IsSuccess(r, 200, "Recent check-ins retrieved successfully", "/api/v1/checkin/recent"));
  ASSERT_EQ(r.data().size(), 10U);  // default limit
  EXPECT_EQ(r.data()[0]["checkInTime"], "2026-01-15T09:10:00.000Z");
  EXPECT_EQ(r.data()[9]["checkInTime"], "2026-01-15T09:01:00.000Z");
  // Both references fully populated: exactly the documents the resource routes return.
  EXPECT_EQ(r.data()[0]["participantId"], get_participant(people[10]));
  EXPECT_EQ(r.data()[0]["sessionId"], get_session(s2));
  EXPECT_EQ(r.data()[1]["sessionId"], get_session(s1));

  r = http().get("/api/v1/checkin/recent?limit=3");
  ASSERT_EQ(r.data().size(), 3U);
  EXPECT_EQ(r.data()[2]["checkInTime"], "2026-01-15T09:08:00.000Z");

  const std::string path = "/api/v1/checkin/recent?limit=1000&sessionId=" + s1["_id"].get<std::string>();
  r = http().get(path);
  ASSERT_TRUE(IsSuccess(r, 200, "Recent check-ins retrieved successfully", path));
  ASSERT_EQ(r.data().size(), 5U);  // minutes 1, 3, 5, 7, 9
  EXPECT_EQ(r.data()[0]["checkInTime"], "2026-01-15T09:09:00.000Z");
  EXPECT_EQ(r.data()[4]["checkInTime"], "2026-01-15T09:01:00.000Z");
  for (const auto& c : r.data())
    EXPECT_EQ(c["sessionId"]["_id"], s1["_id"]);

  r = http().get("/api/v1/checkin/recent?sessionId=bad&limit=0");
  ASSERT_TRUE(IsError(r, 400, "Validation failed", "/api/v1/checkin/recent?sessionId=bad&limit=0", "GET", true));
  EXPECT_EQ(r.body["errors"],
            errors({{"limit", "limit must not be less than 1"}, {"sessionId", "sessionId must be a mongodb id"}}));
}

// ---------------------------------------------------------------------------------------------
// C4 attempts, C5 attempt stats.

TEST_F(CheckinTest, AttemptsListPopulatesFiltersAndCounts) {
  auto s1 = session();
  auto s2 = session();
  auto a = participant();
  auto b = participant({{"organization", nullptr}});
  at("2026-01-15T09:01:00.000Z");
  ASSERT_EQ(decline(a, s1).status, 200);
  at("2026-01-15T09:02:00.000Z");
  ASSERT_EQ(decline(b, s1, {{"reason", "Wrong day"}}).status, 200);
  at("2026-01-15T09:03:00.000Z");
  ASSERT_EQ(decline(a, s2).status, 200);
  at(kNow);

  auto r = http().get("/api/v1/checkin/attempts");
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in attempts retrieved", "/api/v1/checkin/attempts", {"meta"}));
  EXPECT_EQ(r.body["meta"], (Json{{"total", 3},
                                  {"page", 1},
                                  {"limit", 10},
                                  {"totalPages", 1},
                                  {"hasNextPage", false},
                                  {"hasPrevPage", false}}));
  ASSERT_EQ(r.data().size(), 3U);
  const auto& newest = r.data()[0];
  EXPECT_EQ(newest["attemptTime"], "2026-01-15T09:03:00.000Z");
  EXPECT_EQ(newest["participantId"], (Json{{"_id", a["_id"]},
                                           {"name", a["name"]},
                                           {"email", a["email"]},
                                           {"organization", "ACME"},
                                           {"qrCode", a["qrCode"]}}));
  EXPECT_EQ(newest["sessionId"], (Json{{"_id", s2["_id"]},
                                       {"name", s2["name"]},
                                       {"startTime", kStart},
                                       {"endTime", kEnd},
                                       {"location", "Room 101"}}));
  EXPECT_EQ(r.data()[1]["reason"], "Wrong day");

  auto total = [&](const std::string& query) {
    auto reply = http().get("/api/v1/checkin/attempts" + query);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body["meta"]["total"];
  };
  EXPECT_EQ(total("?sessionId=" + s1["_id"].get<std::string>()), 2);
  EXPECT_EQ(total("?participantId=" + a["_id"].get<std::string>()), 2);
  EXPECT_EQ(total("?participantId=" + b["_id"].get<std::string>() + "&sessionId=" + s2["_id"].get<std::string>()), 0);
  EXPECT_EQ(total("?status=declined"), 3);
  EXPECT_EQ(total("?status=failed"), 0);

  r = http().get("/api/v1/checkin/attempts?status=rejected");
  ASSERT_TRUE(IsError(r, 400, "Validation failed", "/api/v1/checkin/attempts?status=rejected", "GET", true));
  EXPECT_EQ(r.body["errors"], errors({{"status", "status must be one of the following values: declined, failed"}}));

  r = http().get("/api/v1/checkin/attempts/stats");
  ASSERT_TRUE(IsSuccess(r, 200, "Attempt statistics retrieved", "/api/v1/checkin/attempts/stats"));
  EXPECT_EQ(r.data(), (Json{{"total", 3}, {"declined", 3}, {"failed", 0}}));
  r = http().get("/api/v1/checkin/attempts/stats?sessionId=" + s2["_id"].get<std::string>());
  EXPECT_EQ(r.data(), (Json{{"total", 1}, {"declined", 1}, {"failed", 0}}));
  r = http().get("/api/v1/checkin/attempts/stats?sessionId=bad");
  EXPECT_TRUE(IsError(r, 400, "Validation failed", "/api/v1/checkin/attempts/stats?sessionId=bad", "GET", true));
}

// ---------------------------------------------------------------------------------------------
// C11 verify, C12 get, C13 delete.

TEST_F(CheckinTest, VerifyCheckedInByIds) {
  auto s = session();
  auto p = participant();
  const std::string path = "/api/v1/checkin/verify/" + p["_id"].get<std::string>() + "/" + s["_id"].get<std::string>();
  auto r = http().get(path);
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in verification completed", path));
  EXPECT_EQ(r.data(), (Json{{"isCheckedIn", false}}));
  ASSERT_EQ(accept(p, s).status, 201);
  EXPECT_EQ(http().get(path).data(), (Json{{"isCheckedIn", true}}));

  const std::string bad = "/api/v1/checkin/verify/nope/" + s["_id"].get<std::string>();
  EXPECT_TRUE(IsError(http().get(bad), 400, "Invalid ID format: nope", bad, "GET", false));
  const std::string bad2 = "/api/v1/checkin/verify/" + p["_id"].get<std::string>() + "/abcdefghijkl";
  EXPECT_TRUE(IsError(http().get(bad2), 400, "Invalid ID format: abcdefghijkl", bad2, "GET", false));
}

TEST_F(CheckinTest, GetByIdIsFullyPopulated) {
  auto s = session();
  auto p = participant();
  auto created = accept(p, s, {{"notes", "VIP"}});
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["_id"];

  auto r = http().get("/api/v1/checkin/" + id);
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in retrieved successfully", "/api/v1/checkin/" + id));
  Json expected = created.data();
  expected["participantId"] = get_participant(p);
  expected["sessionId"] = get_session(s);
  EXPECT_EQ(r.data(), expected);

  const std::string missing = std::string("/api/v1/checkin/") + kUnknownId;
  EXPECT_TRUE(IsError(http().get(missing), 404, std::string("CheckIn with ID ") + kUnknownId + " not found", missing,
                      "GET", false));
  EXPECT_TRUE(
      IsError(http().get("/api/v1/checkin/xyz"), 400, "Invalid ID format: xyz", "/api/v1/checkin/xyz", "GET", false));
}

TEST_F(CheckinTest, DeleteUndoesACheckInAndFreesItsSlot) {
  auto s = session({{"capacity", 1}});
  auto p = participant();
  auto other = participant();
  auto created = accept(p, s);
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["_id"];
  ASSERT_EQ(accept(other, s).status, 400);  // full

  at("2026-01-15T09:20:00.000Z");
  const std::string path = "/api/v1/checkin/" + id;
  auto r = http().del(path);
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in deleted successfully", path));
  EXPECT_EQ(r.data(), created.data());  // the deleted document, unpopulated
  auto after = get_session(s);
  EXPECT_EQ(after["checkInsCount"], 0);
  EXPECT_EQ(after["updatedAt"], "2026-01-15T09:20:00.000Z");
  EXPECT_TRUE(IsError(http().del(path), 404, "CheckIn with ID " + id + " not found", path, "DELETE", false));
  EXPECT_TRUE(IsError(http().get(path), 404, "CheckIn with ID " + id + " not found", path, "GET", false));
  EXPECT_TRUE(
      IsError(http().del("/api/v1/checkin/1"), 400, "Invalid ID format: 1", "/api/v1/checkin/1", "DELETE", false));

  // The freed slot can be taken, and the undone participant can check in again later.
  ASSERT_EQ(accept(other, s).status, 201);
  EXPECT_EQ(accept(p, s).status, 400);
  auto list = http().get("/api/v1/checkin?sessionId=" + s["_id"].get<std::string>());
  ASSERT_EQ(list.data().size(), 1U);
  ASSERT_EQ(http().del("/api/v1/checkin/" + list.data()[0]["_id"].get<std::string>()).status, 200);
  r = accept(p, s);
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_NE(r.data()["_id"], id);
  EXPECT_EQ(r.data()["checkInTime"], "2026-01-15T09:20:00.000Z");
  EXPECT_EQ(get_session(s)["checkInsCount"], 1);
  EXPECT_EQ(http().get("/api/v1/checkin/stats?sessionId=" + s["_id"].get<std::string>()).data()["total"], 1);
}

TEST_F(CheckinTest, CapacityLoweredBelowTheCountRefusesEveryone) {
  auto s = session({{"capacity", 5}});
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(accept(participant(), s).status, 201);
  auto patched = http().patch("/api/v1/sessions/" + s["_id"].get<std::string>(), Json{{"capacity", 2}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.data()["checkInsCount"], 3);

  auto late_comer = participant();
  auto r = verify(late_comer, s);
  EXPECT_EQ(r.data()["capacityInfo"], (Json{{"current", 3}, {"max", 2}, {"remaining", 0}}));
  EXPECT_EQ(r.data()["actions"]["acceptLabel"], "Session Full");
  r = accept(late_comer, s);
  EXPECT_TRUE(IsError(r, 400, "Session is at full capacity (2 participants).", "/api/v1/checkin/accept", "POST", true));
  r = direct(late_comer, s);
  EXPECT_TRUE(IsError(r, 400, "Session is at full capacity (2 participants). Cannot accept more check-ins.",
                      "/api/v1/checkin", "POST", true));
}

TEST_F(CheckinTest, CheckInsOfADeletedSessionShowANullSessionAndCanStillBeDeleted) {
  // No cascades (§2.6): populated references to deleted documents are null.
  auto s = session();
  auto p = participant();
  auto created = accept(p, s);
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["_id"];
  ASSERT_EQ(http().del("/api/v1/sessions/" + s["_id"].get<std::string>()).status, 200);

  auto list = http().get("/api/v1/checkin");
  ASSERT_EQ(list.data().size(), 1U);
  EXPECT_EQ(list.data()[0]["sessionId"], nullptr);
  EXPECT_EQ(list.data()[0]["participantId"]["_id"], p["_id"]);
  auto recent = http().get("/api/v1/checkin/recent");
  ASSERT_EQ(recent.data().size(), 1U);
  EXPECT_EQ(recent.data()[0]["sessionId"], nullptr);
  EXPECT_EQ(http().get("/api/v1/checkin/" + id).data()["sessionId"], nullptr);

  auto r = http().del("/api/v1/checkin/" + id);
  ASSERT_TRUE(IsSuccess(r, 200, "Check-in deleted successfully", "/api/v1/checkin/" + id));
  EXPECT_EQ(r.data(), created.data());
  EXPECT_EQ(http().get("/api/v1/checkin/stats").data()["total"], 0);
}

}  // namespace
}  // namespace admit::test
