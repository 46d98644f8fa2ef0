// Registrations (contract §3.3, R1-R6) over HTTP against the real binary.

#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kT0 = "2026-01-15T09:00:00.000Z";
constexpr const char* kUnknownId = "507f1f77bcf86cd799439011";
const std::string kBase = "/api/v1/registrations";

class RegistrationsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    pin_clock(kT0);
    // A session far enough ahead that the scheduler leaves it alone.
    session_ = create_session({{"name", "Workshop"},
                               {"startTime", "2026-01-15T12:00:00.000Z"},
                               {"endTime", "2026-01-15T13:00:00.000Z"},
                               {"isOpen", false}});
    participant_ = create_participant({{"name", "Jane"}, {"email", "jane@example.org"}});
  }

  Reply post_registration(const Json& body) { return http().post(kBase, body); }

  Json add(const std::string& participant, const std::string& session, const Json& extra = Json::object()) {
    Json body = {{"participantId", participant}, {"sessionId", session}};
    for (const auto& [k, v] : extra.items())
      body[k] = v;
    auto reply = post_registration(body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  std::vector<std::string> listed_ids(const std::string& query) {
    auto reply = http().get(kBase + query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.raw;
    if (reply.status != 200) return {};
    return column(reply.data(), "_id");
  }

  std::string session_;
  std::string participant_;
};

// ---------------------------------------------------------------------------------------------
// R1 create

TEST_F(RegistrationsTest, CreateDefaultsToPendingAndAnswersUnpopulatedIds) {
  auto reply = post_registration({{"participantId", participant_}, {"sessionId", session_}});
  expect_success(reply, 201, "Registration created successfully", kBase);
  const Json& d = reply.data();
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"_id", "participantId", "sessionId", "registrationDate", "status",
                                                  "createdAt", "updatedAt", "__v"}));
  EXPECT_TRUE(is_object_id(d["_id"]));
  EXPECT_EQ(d["participantId"], participant_);
  EXPECT_EQ(d["sessionId"], session_);
  EXPECT_EQ(d["registrationDate"], kT0);
  EXPECT_EQ(d["status"], "pending");
  EXPECT_EQ(d["createdAt"], kT0);
  EXPECT_EQ(d["updatedAt"], kT0);
  EXPECT_EQ(d["__v"], 0);
}

TEST_F(RegistrationsTest, CreateTakesStatusAndTrimmedNotes) {
  auto d = add(participant_, session_, {{"status", "confirmed"}, {"notes", "  front row  "}});
  EXPECT_EQ(d["status"], "confirmed");
  EXPECT_EQ(d["notes"], "front row");
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"_id", "participantId", "sessionId", "registrationDate", "status",
                                                  "notes", "createdAt", "updatedAt", "__v"}));
}

TEST_F(RegistrationsTest, CreateRefusesADuplicatePairWith409) {
  add(participant_, session_);
  auto reply = post_registration({{"participantId", participant_}, {"sessionId", session_}, {"status", "confirmed"}});
  expect_error(reply, 409,
               "Registration with participant-session \"" + participant_ + "-" + session_ + "\" already exists", "POST",
               kBase);
  EXPECT_EQ(http().get(kBase).body["meta"]["total"], 1);
}

TEST_F(RegistrationsTest, CreateRefusesUnknownParticipantsAndSessionsWith404) {
  // The reference stored registrations for ids that did not exist; admit checks them.
  expect_error(post_registration({{"participantId", kUnknownId}, {"sessionId", session_}}), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "POST", kBase);
  expect_error(post_registration({{"participantId", participant_}, {"sessionId", kUnknownId}}), 404,
               std::string("Session with ID ") + kUnknownId + " not found", "POST", kBase);
  EXPECT_EQ(http().get(kBase).body["meta"]["total"], 0);
}

TEST_F(RegistrationsTest, CreateRefusesInvalidBodies) {
  expect_validation(
      post_registration({{"participantId", "abc"}, {"sessionId", "123"}}), "POST", kBase,
      {{"participantId", "participantId must be a mongodb id"}, {"sessionId", "sessionId must be a mongodb id"}});
  expect_validation(
      post_registration(Json::object()), "POST", kBase,
      {{"participantId", "participantId must be a mongodb id"}, {"sessionId", "sessionId must be a mongodb id"}});
  expect_validation(post_registration({{"participantId", participant_}, {"sessionId", session_}, {"status", "maybe"}}),
                    "POST", kBase,
                    {{"status", "status must be one of the following values: confirmed, pending, cancelled"}});
  expect_validation(
      post_registration({{"participantId", participant_}, {"sessionId", session_}, {"notes", std::string(501, 'n')}}),
      "POST", kBase, {{"notes", "notes must be shorter than or equal to 500 characters"}});
  expect_validation(
      post_registration({{"participantId", participant_}, {"sessionId", session_}, {"registrationDate", kT0}}), "POST",
      kBase, {{"registrationDate", "property registrationDate should not exist"}});
}

// ---------------------------------------------------------------------------------------------
// R2 list, R3 get

TEST_F(RegistrationsTest, ListPopulatesBothReferencesWithFullDocuments) {
  auto r = add(participant_, session_, {{"status", "confirmed"}});
  auto reply = http().get(kBase);
  expect_success(reply, 200, "Registrations retrieved successfully", kBase, true);
  EXPECT_EQ(reply.body["meta"], page_meta(1, 10, 1, 1, false, false));
  ASSERT_EQ(reply.data().size(), 1U);
  const Json& d = reply.data()[0];
  EXPECT_EQ(keys_of(d), keys_of(r));  // same fields in the same order, references replaced in place
  EXPECT_EQ(d["_id"], r["_id"]);
  EXPECT_EQ(d["participantId"], http().get("/api/v1/participants/" + participant_).data());
  EXPECT_EQ(d["sessionId"], http().get("/api/v1/sessions/" + session_).data());
  EXPECT_EQ(d["status"], "confirmed");
}

TEST_F(RegistrationsTest, ListShowsNullForADeletedReference) {
  add(participant_, session_);
  ASSERT_EQ(http().del("/api/v1/participants/" + participant_).status, 200);
  auto reply = http().get(kBase);
  ASSERT_EQ(reply.data().size(), 1U);
  EXPECT_TRUE(reply.data()[0]["participantId"].is_null());
  EXPECT_EQ(reply.data()[0]["sessionId"]["_id"], session_);
}

TEST_F(RegistrationsTest, ListFiltersByStatusParticipantAndSession) {
  auto other_session = create_session({{"name", "Other"},
                                       {"startTime", "2026-01-15T14:00:00.000Z"},
                                       {"endTime", "2026-01-15T15:00:00.000Z"},
                                       {"isOpen", false}});
  auto other_participant = create_participant({{"name", "Bob"}, {"email", "bob@example.org"}});
  pin_clock("2026-01-15T09:01:00.000Z");
  auto a = add(participant_, session_, {{"status", "confirmed"}})["_id"].get<std::string>();
  pin_clock("2026-01-15T09:02:00.000Z");
  auto b = add(participant_, other_session, {{"status", "cancelled"}})["_id"].get<std::string>();
  pin_clock("2026-01-15T09:03:00.000Z");
  auto c = add(other_participant, session_)["_id"].get<std::string>();

  EXPECT_EQ(listed_ids(""), (std::vector<std::string>{c, b, a}));  // createdAt descending
  EXPECT_EQ(listed_ids("?sortOrder=asc"), (std::vector<std::string>{a, b, c}));
  EXPECT_EQ(listed_ids("?status=confirmed"), (std::vector<std::string>{a}));
  EXPECT_EQ(listed_ids("?status=pending"), (std::vector<std::string>{c}));
  EXPECT_EQ(listed_ids("?participantId=" + participant_), (std::vector<std::string>{b, a}));
  EXPECT_EQ(listed_ids("?sessionId=" + session_), (std::vector<std::string>{c, a}));
  EXPECT_EQ(listed_ids("?sessionId=" + session_ + "&participantId=" + other_participant),
            (std::vector<std::string>{c}));
  EXPECT_EQ(listed_ids("?search=anything"), (std::vector<std::string>{c, b, a}));  // accepted, ignored

  auto paged = http().get(kBase + "?limit=2&page=2");
  EXPECT_EQ(paged.body["meta"], page_meta(2, 2, 3, 2, false, true));
  EXPECT_EQ(column(paged.data(), "_id"), (std::vector<std::string>{a}));

  expect_validation(http().get(kBase + "?participantId=abc"), "GET", kBase + "?participantId=abc",
                    {{"participantId", "participantId must be a mongodb id"}});
  expect_validation(http().get(kBase + "?status=done"), "GET", kBase + "?status=done",
                    {{"status", "status must be one of the following values: confirmed, pending, cancelled"}});
  expect_validation(http().get(kBase + "?limit=101"), "GET", kBase + "?limit=101",
                    {{"limit", "limit must not be greater than 100"}});
}

TEST_F(RegistrationsTest, GetPopulatesBothReferences) {
  auto r = add(participant_, session_);
  auto id = r["_id"].get<std::string>();
  auto reply = http().get(kBase + "/" + id);
  expect_success(reply, 200, "Registration retrieved successfully", kBase + "/" + id);
  EXPECT_EQ(reply.data()["participantId"], http().get("/api/v1/participants/" + participant_).data());
  EXPECT_EQ(reply.data()["sessionId"], http().get("/api/v1/sessions/" + session_).data());
  EXPECT_EQ(reply.data()["registrationDate"], r["registrationDate"]);

  expect_error(http().get(kBase + "/" + kUnknownId), 404,
               std::string("Registration with ID ") + kUnknownId + " not found", "GET", kBase + "/" + kUnknownId);
  expect_error(http().get(kBase + "/abc"), 400, "Invalid ID format: abc", "GET", kBase + "/abc");
}

// ---------------------------------------------------------------------------------------------
// R4 patch, R6 delete

TEST_F(RegistrationsTest, PatchChangesStatusAndNotesAndAnswersUnpopulated) {
  auto r = add(participant_, session_);
  auto id = r["_id"].get<std::string>();
  pin_clock("2026-01-15T09:30:00.000Z");
  auto reply = http().patch(kBase + "/" + id, Json{{"status", "confirmed"}, {"notes", " moved "}});
  expect_success(reply, 200, "Registration updated successfully", kBase + "/" + id);
  const Json& d = reply.data();
  EXPECT_EQ(d["status"], "confirmed");
  EXPECT_EQ(d["notes"], "moved");
  EXPECT_EQ(d["participantId"], participant_);  // not populated
  EXPECT_EQ(d["sessionId"], session_);
  EXPECT_EQ(d["registrationDate"], kT0);
  EXPECT_EQ(d["createdAt"], kT0);
  EXPECT_EQ(d["updatedAt"], "2026-01-15T09:30:00.000Z");

  auto cancelled = http().patch(kBase + "/" + id, Json{{"status", "cancelled"}});
  EXPECT_EQ(cancelled.data()["status"], "cancelled");
  EXPECT_EQ(cancelled.data()["notes"], "moved");  // untouched
}

TEST_F(RegistrationsTest, PatchRefusesReferencesUnknownIdsAndBadValues) {
  auto id = add(participant_, session_)["_id"].get<std::string>();
  const std::string path = kBase + "/" + id;
  expect_validation(http().patch(path, Json{{"participantId", participant_}, {"sessionId", session_}}), "PATCH", path,
                    {{"participantId", "property participantId should not exist"},
                     {"sessionId", "property sessionId should not exist"}});
  expect_validation(http().patch(path, Json{{"status", "done"}}), "PATCH", path,
                    {{"status", "status must be one of the following values: confirmed, pending, cancelled"}});
  expect_error(http().patch(kBase + "/" + kUnknownId, Json{{"status", "confirmed"}}), 404,
               std::string("Registration with ID ") + kUnknownId + " not found", "PATCH", kBase + "/" + kUnknownId);
  expect_error(http().patch(kBase + "/xyz", Json{{"status", "confirmed"}}), 400, "Invalid ID format: xyz", "PATCH",
               kBase + "/xyz");
}

TEST_F(RegistrationsTest, DeleteAnswersTheDeletedRegistrationThen404) {
  auto r = add(participant_, session_, {{"status", "confirmed"}});
  auto id = r["_id"].get<std::string>();
  auto reply = http().del(kBase + "/" + id);
  expect_success(reply, 200, "Registration deleted successfully", kBase + "/" + id);
  EXPECT_EQ(reply.data(), r);
  expect_error(http().get(kBase + "/" + id), 404, "Registration with ID " + id + " not found", "GET", kBase + "/" + id);
  expect_error(http().del(kBase + "/" + id), 404, "Registration with ID " + id + " not found", "DELETE",
               kBase + "/" + id);
  // The pair may register again.
  add(participant_, session_);
}

// ---------------------------------------------------------------------------------------------
// R5 stats

TEST_F(RegistrationsTest, StatsCountStatusesAndTodayInUtc) {
  auto p2 = create_participant({{"name", "P2"}, {"email", "p2@example.org"}});
  auto p3 = create_participant({{"name", "P3"}, {"email", "p3@example.org"}});
  auto p4 = create_participant({{"name", "P4"}, {"email", "p4@example.org"}});
  pin_clock("2026-01-15T23:59:59.999Z");  // the last millisecond of the 15th (UTC)
  add(participant_, session_, {{"status", "confirmed"}});
  add(p2, session_, {{"status", "cancelled"}});
  pin_clock("2026-01-16T00:00:00.000Z");  // the first of the 16th
  add(p3, session_);
  pin_clock("2026-01-16T06:00:00.000Z");
  add(p4, session_, {{"status", "confirmed"}});

  pin_clock("2026-01-16T23:00:00.000Z");
  const std::string path = kBase + "/stats/overview";
  auto reply = http().get(path);
  expect_success(reply, 200, "Registration statistics retrieved successfully", path);
  EXPECT_EQ(keys_of(reply.data()),
            (std::vector<std::string>{"total", "confirmed", "pending", "cancelled", "todayRegistrations"}));
  EXPECT_EQ(reply.data(),
            (Json{{"total", 4}, {"confirmed", 2}, {"pending", 1}, {"cancelled", 1}, {"todayRegistrations", 2}}));

  expect_integers(reply.data());

  pin_clock("2026-01-17T00:00:00.000Z");  // a new UTC day: nothing registered yet today
  EXPECT_EQ(http().get(path).data()["todayRegistrations"], 0);
}

}  // namespace
}  // namespace admit::test
