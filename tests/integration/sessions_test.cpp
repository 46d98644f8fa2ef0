// Sessions (contract §3.1, S1-S11) over HTTP against the real binary.
//
// The clock is pinned for every test so timestamps can be asserted exactly. The background
// scheduler also runs on that clock, so the sessions used here are chosen to be stable under it:
// scheduled ones start more than the 10-minute auto-open window ahead, open ones have not ended,
// and sessions that already ended are never asserted on their status.

#include <string>
#include <vector>

#include "domain/time.hpp"
#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kT0 = "2026-01-15T09:00:00.000Z";
constexpr const char* kUnknownId = "507f1f77bcf86cd799439011";
const std::string kBase = "/api/v1/sessions";

// kT0 shifted by a number of minutes, as the server prints it.
std::string at(int minutes) {
  return admit::format_iso8601(*admit::parse_iso8601(kT0) + std::chrono::minutes(minutes));
}

class SessionsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    pin_clock(kT0);
  }

  Reply post_session(const Json& body) { return http().post(kBase, body); }

  // Creates a session from kT0-relative minutes and returns its document.
  Json add_session(const std::string& name, int start, int end, bool open, const Json& extra = Json::object()) {
    Json body = {{"name", name}, {"startTime", at(start)}, {"endTime", at(end)}, {"isOpen", open}};
    for (const auto& [k, v] : extra.items())
      body[k] = v;
    auto reply = post_session(body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  std::string add_session_id(const std::string& name, int start, int end, bool open,
                             const Json& extra = Json::object()) {
    return add_session(name, start, end, open, extra).value("_id", "");
  }

  // The names of the sessions a list query returns, in order.
  std::vector<std::string> listed(const std::string& query) {
    auto reply = http().get(kBase + query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.raw;
    if (reply.status != 200) return {};
    return column(reply.data(), "name");
  }
};

// ---------------------------------------------------------------------------------------------
// S1 create

TEST_F(SessionsTest, CreateAnswers201WithTheFullDocument) {
  auto reply = post_session({{"name", "  Keynote  "},
                             {"description", " Opening talk "},
                             {"startTime", "2026-01-15T11:00:00+02:00"},  // offsets are normalised to UTC
                             {"endTime", "2026-01-15T10:00:00Z"},
                             {"location", "Hall A"},
                             {"isOpen", true},
                             {"capacity", 50},
                             {"capacityEnforced", false},
                             {"requiresRegistration", true},
                             {"day", 2},
                             {"lateThresholdMinutes", 0}});
  expect_success(reply, 201, "Session created successfully", kBase);
  const Json& d = reply.data();
  EXPECT_EQ(keys_of(d),
            (std::vector<std::string>{"_id", "name", "description", "startTime", "endTime", "location", "isOpen",
                                      "status", "capacity", "capacityEnforced", "requiresRegistration", "checkInsCount",
                                      "day", "lateThresholdMinutes", "createdAt", "updatedAt", "__v"}));
  EXPECT_TRUE(is_object_id(d["_id"]));
  EXPECT_EQ(d["name"], "Keynote");  // trimmed, as the reference's trim:true schema
  EXPECT_EQ(d["description"], "Opening talk");
  EXPECT_EQ(d["startTime"], "2026-01-15T09:00:00.000Z");
  EXPECT_EQ(d["endTime"], "2026-01-15T10:00:00.000Z");
  EXPECT_EQ(d["location"], "Hall A");
  EXPECT_EQ(d["isOpen"], true);
  EXPECT_EQ(d["status"], "open");
  EXPECT_EQ(d["capacity"], 50);
  EXPECT_TRUE(d["capacity"].is_number_integer());
  EXPECT_EQ(d["capacityEnforced"], false);
  EXPECT_EQ(d["requiresRegistration"], true);
  EXPECT_EQ(d["checkInsCount"], 0);
  EXPECT_TRUE(d["checkInsCount"].is_number_integer());
  EXPECT_EQ(d["day"], 2);
  EXPECT_TRUE(d["day"].is_number_integer());
  EXPECT_EQ(d["lateThresholdMinutes"], 0);  // an explicit 0 is kept, not dropped
  EXPECT_EQ(d["createdAt"], kT0);
  EXPECT_EQ(d["updatedAt"], kT0);
  EXPECT_EQ(d["__v"], 0);
  EXPECT_TRUE(d["__v"].is_number_integer());
  EXPECT_EQ(reply.body["timestamp"], kT0);

  // What was answered is what was stored.
  auto again = http().get(kBase + "/" + d["_id"].get<std::string>());
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.data(), d);
}

TEST_F(SessionsTest, CreateWithoutIsOpenIsScheduledWithDefaultsAndNoUnsetFields) {
  auto reply = post_session({{"name", "Workshop"}, {"startTime", at(120)}, {"endTime", at(180)}});
  expect_success(reply, 201, "Session created successfully", kBase);
  const Json& d = reply.data();
  // Optional fields never set are absent, not null.
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"_id", "name", "startTime", "endTime", "isOpen", "status", "capacity",
                                                  "capacityEnforced", "requiresRegistration", "checkInsCount", "day",
                                                  "createdAt", "updatedAt", "__v"}));
  EXPECT_EQ(d["isOpen"], false);
  EXPECT_EQ(d["status"], "scheduled");
  EXPECT_EQ(d["capacity"], 0);
  EXPECT_EQ(d["capacityEnforced"], true);
  EXPECT_EQ(d["requiresRegistration"], false);
  EXPECT_EQ(d["checkInsCount"], 0);
  EXPECT_EQ(d["day"], 1);
}

TEST_F(SessionsTest, CreateWithIsOpenFalseIsScheduled) {
  auto d = add_session("Closed at first", 120, 180, false);
  EXPECT_EQ(d["isOpen"], false);
  EXPECT_EQ(d["status"], "scheduled");
}

TEST_F(SessionsTest, CreateRefusesAMissingOrBlankName) {
  auto missing = post_session({{"startTime", at(120)}, {"endTime", at(180)}});
  expect_validation(missing, "POST", kBase, {{"name", "name should not be empty"}, {"name", "name must be a string"}});

  auto blank = post_session({{"name", "   "}, {"startTime", at(120)}, {"endTime", at(180)}});
  expect_validation(blank, "POST", kBase, {{"name", "name should not be empty"}});
}

TEST_F(SessionsTest, CreateRefusesMissingOrMalformedDates) {
  auto missing = post_session({{"name", "No times"}});
  expect_validation(missing, "POST", kBase,
                    {{"startTime", "startTime must be a valid ISO 8601 date string"},
                     {"endTime", "endTime must be a valid ISO 8601 date string"}});

  auto malformed = post_session({{"name", "Bad"}, {"startTime", "next tuesday"}, {"endTime", "2026-02-30T10:00:00Z"}});
  expect_validation(malformed, "POST", kBase,
                    {{"startTime", "startTime must be a valid ISO 8601 date string"},
                     {"endTime", "endTime must be a valid ISO 8601 date string"}});
}

TEST_F(SessionsTest, CreateRefusesOutOfRangeAndMistypedFields) {
  auto reply = post_session({{"name", std::string(201, 'n')},
                             {"startTime", at(120)},
                             {"endTime", at(180)},
                             {"isOpen", "yes"},
                             {"capacity", -1},
                             {"capacityEnforced", "maybe"},
                             {"day", 0},
                             {"autoOpenMinutesBefore", 2.5},
                             {"lateThresholdMinutes", 1441}});
  expect_validation(reply, "POST", kBase,
                    {{"name", "name must be shorter than or equal to 200 characters"},
                     {"isOpen", "isOpen must be a boolean value"},
                     {"capacity", "capacity must not be less than 0"},
                     {"capacityEnforced", "capacityEnforced must be a boolean value"},
                     {"day", "day must not be less than 1"},
                     {"autoOpenMinutesBefore", "autoOpenMinutesBefore must be an integer number"},
                     {"lateThresholdMinutes", "lateThresholdMinutes must not be greater than 1440"}});
}

TEST_F(SessionsTest, CreateRefusesEndTimeNotAfterStartTimeWithTheDetail) {
  // admit keeps the business rule's detail in errors[] (the reference only said "Validation failed").
  auto equal = post_session({{"name", "Zero length"}, {"startTime", at(120)}, {"endTime", at(120)}});
  expect_error(equal, 400, "End time must be after start time", "POST", kBase, true);
  EXPECT_EQ(field_errors(equal), (FieldErrors{{"endTime", "End time must be after start time"}}));

  auto reversed = post_session({{"name", "Backwards"}, {"startTime", at(180)}, {"endTime", at(120)}});
  expect_error(reversed, 400, "End time must be after start time", "POST", kBase, true);

  EXPECT_EQ(http().get(kBase).body["meta"]["total"], 0);  // nothing was stored
}

TEST_F(SessionsTest, CreateRefusesUnknownProperties) {
  auto reply = post_session({{"name", "Extra"}, {"startTime", at(120)}, {"endTime", at(180)}, {"foo", 1}});
  expect_validation(reply, "POST", kBase, {{"foo", "property foo should not exist"}});

  // Server-owned fields are not writable either.
  auto owned = post_session(
      {{"name", "Extra"}, {"startTime", at(120)}, {"endTime", at(180)}, {"status", "open"}, {"checkInsCount", 3}});
  expect_validation(
      owned, "POST", kBase,
      {{"status", "property status should not exist"}, {"checkInsCount", "property checkInsCount should not exist"}});
}

TEST_F(SessionsTest, CreateConvertsNumericStringsAndStringifiesNumbers) {
  // The reference's implicit conversion: "25" for an integer field, a number for a string field.
  auto d = add_session("Converted", 120, 180, false, {{"capacity", "25"}, {"location", 101}});
  EXPECT_EQ(d["capacity"], 25);
  EXPECT_EQ(d["location"], "101");
}

// ---------------------------------------------------------------------------------------------
// S2 list

TEST_F(SessionsTest, ListPaginatesWithDefaultsAndMeta) {
  for (int i = 1; i <= 12; ++i) {
    pin_clock(at(i));  // distinct createdAt: the default order is createdAt descending
    add_session("S" + std::to_string(i), 120, 180, false);
  }
  auto first = http().get(kBase);
  expect_success(first, 200, "Sessions retrieved successfully", kBase, true);
  EXPECT_EQ(first.body["meta"], page_meta(1, 10, 12, 2, true, false));
  EXPECT_EQ(column(first.data(), "name"),
            (std::vector<std::string>{"S12", "S11", "S10", "S9", "S8", "S7", "S6", "S5", "S4", "S3"}));

  auto middle = http().get(kBase + "?page=2&limit=5");
  expect_success(middle, 200, "Sessions retrieved successfully", kBase + "?page=2&limit=5", true);
  EXPECT_EQ(middle.body["meta"], page_meta(2, 5, 12, 3, true, true));
  EXPECT_EQ(column(middle.data(), "name"), (std::vector<std::string>{"S7", "S6", "S5", "S4", "S3"}));

  auto last = http().get(kBase + "?page=3&limit=5");
  EXPECT_EQ(last.body["meta"], page_meta(3, 5, 12, 3, false, true));
  EXPECT_EQ(column(last.data(), "name"), (std::vector<std::string>{"S2", "S1"}));

  auto beyond = http().get(kBase + "?page=4&limit=5");
  EXPECT_EQ(beyond.status, 200);
  EXPECT_EQ(beyond.data(), Json::array());
  EXPECT_EQ(beyond.body["meta"], page_meta(4, 5, 12, 3, false, true));
}

TEST_F(SessionsTest, ListOfNothingHasZeroPages) {
  auto reply = http().get(kBase);
  expect_success(reply, 200, "Sessions retrieved successfully", kBase, true);
  EXPECT_EQ(reply.data(), Json::array());
  EXPECT_EQ(reply.body["meta"], page_meta(1, 10, 0, 0, false, false));
}

TEST_F(SessionsTest, ListRefusesOutOfRangePaging) {
  expect_validation(http().get(kBase + "?limit=101"), "GET", kBase + "?limit=101",
                    {{"limit", "limit must not be greater than 100"}});
  expect_validation(http().get(kBase + "?limit=0"), "GET", kBase + "?limit=0",
                    {{"limit", "limit must not be less than 1"}});
  expect_validation(http().get(kBase + "?page=0"), "GET", kBase + "?page=0",
                    {{"page", "page must not be less than 1"}});
  expect_validation(http().get(kBase + "?page=abc"), "GET", kBase + "?page=abc",
                    {{"page", "page must be an integer number"}});
  // The limits themselves are accepted.
  EXPECT_EQ(http().get(kBase + "?limit=100").body["meta"]["limit"], 100);
  EXPECT_EQ(http().get(kBase + "?limit=1").body["meta"]["limit"], 1);
}

TEST_F(SessionsTest, ListRefusesUnknownQueryParameters) {
  expect_validation(http().get(kBase + "?foo=1"), "GET", kBase + "?foo=1", {{"foo", "property foo should not exist"}});
}

TEST_F(SessionsTest, ListSortsBySortByAndSortOrder) {
  pin_clock(at(1));
  add_session("Bravo", 300, 360, false);
  pin_clock(at(2));
  add_session("Charlie", 120, 180, false);
  pin_clock(at(3));
  add_session("Alpha", 200, 260, false);

  EXPECT_EQ(listed(""), (std::vector<std::string>{"Alpha", "Charlie", "Bravo"}));  // createdAt desc
  EXPECT_EQ(listed("?sortOrder=asc"), (std::vector<std::string>{"Bravo", "Charlie", "Alpha"}));
  EXPECT_EQ(listed("?sortBy=startTime&sortOrder=asc"), (std::vector<std::string>{"Charlie", "Alpha", "Bravo"}));
  EXPECT_EQ(listed("?sortBy=startTime"), (std::vector<std::string>{"Bravo", "Alpha", "Charlie"}));
  EXPECT_EQ(listed("?sortBy=name&sortOrder=asc"), (std::vector<std::string>{"Alpha", "Bravo", "Charlie"}));

  expect_validation(http().get(kBase + "?sortOrder=up"), "GET", kBase + "?sortOrder=up",
                    {{"sortOrder", "sortOrder must be one of the following values: asc, desc"}});
  // admit whitelists sort fields (like the reference's develop branch) and names them on refusal.
  expect_validation(http().get(kBase + "?sortBy=password"), "GET", kBase + "?sortBy=password",
                    {{"sortBy",
                      "sortBy must be one of the following values: createdAt, updatedAt, _id, name, startTime, "
                      "endTime, day, capacity, checkInsCount, status, location"}});
}

TEST_F(SessionsTest, ListFiltersByIsOpenParsingBooleansCorrectly) {
  add_session("Running", -5, 60, true);
  add_session("Later", 120, 180, false);
  add_session("Much later", 240, 300, false);

  EXPECT_EQ(listed("?isOpen=true"), (std::vector<std::string>{"Running"}));
  // The reference read "false" as true; admit filters the closed sessions.
  EXPECT_EQ(listed("?isOpen=false&sortBy=startTime&sortOrder=asc"), (std::vector<std::string>{"Later", "Much later"}));
  expect_validation(http().get(kBase + "?isOpen=banana"), "GET", kBase + "?isOpen=banana",
                    {{"isOpen", "isOpen must be a boolean value"}});
}

TEST_F(SessionsTest, ListFiltersByStatusAndDay) {
  // The mobile app sends day (and status) filters; the reference refused them, admit applies them.
  add_session("Open day 1", -5, 60, true);
  add_session("Scheduled day 2", 120, 180, false, {{"day", 2}});
  auto closed = add_session_id("Closed day 2", -5, 60, true, {{"day", 2}});
  ASSERT_EQ(http().patch(kBase + "/" + closed, Json{{"isOpen", false}}).status, 200);

  EXPECT_EQ(listed("?status=open"), (std::vector<std::string>{"Open day 1"}));
  EXPECT_EQ(listed("?status=scheduled"), (std::vector<std::string>{"Scheduled day 2"}));
  EXPECT_EQ(listed("?status=closed"), (std::vector<std::string>{"Closed day 2"}));
  EXPECT_EQ(listed("?status=ended"), (std::vector<std::string>{}));
  EXPECT_EQ(listed("?day=2&sortBy=name&sortOrder=asc"), (std::vector<std::string>{"Closed day 2", "Scheduled day 2"}));
  EXPECT_EQ(listed("?day=2&status=scheduled"), (std::vector<std::string>{"Scheduled day 2"}));

  expect_validation(
      http().get(kBase + "?status=paused"), "GET", kBase + "?status=paused",
      {{"status", "status must be one of the following values: scheduled, open, ended, closed, cancelled"}});
  expect_validation(http().get(kBase + "?day=0"), "GET", kBase + "?day=0", {{"day", "day must not be less than 1"}});
}

TEST_F(SessionsTest, ListFiltersByStartWindowInclusively) {
  add_session("At 120", 120, 180, false);
  add_session("At 240", 240, 300, false);
  add_session("At 360", 360, 420, false);
  const std::string asc = "&sortBy=startTime&sortOrder=asc";

  EXPECT_EQ(listed("?startAfter=" + at(240) + asc), (std::vector<std::string>{"At 240", "At 360"}));
  EXPECT_EQ(listed("?startBefore=" + at(240) + asc), (std::vector<std::string>{"At 120", "At 240"}));
  EXPECT_EQ(listed("?startAfter=" + at(121) + "&startBefore=" + at(359) + asc), (std::vector<std::string>{"At 240"}));
  expect_validation(http().get(kBase + "?startAfter=soon"), "GET", kBase + "?startAfter=soon",
                    {{"startAfter", "startAfter must be a valid ISO 8601 date string"}});
}

TEST_F(SessionsTest, ListFiltersByLocationAndSearchesNameDescriptionAndLocation) {
  add_session("Opening", 120, 180, false, {{"location", "Room 101"}});
  add_session("Panel", 130, 190, false, {{"location", "Big ROOM"}, {"description", "Experts on stage"}});
  add_session("Lunch", 140, 200, false, {{"location", "Terrace"}});
  add_session("100% hands-on", 150, 210, false);
  add_session("1000 slides", 160, 220, false);
  const std::string asc = "&sortBy=startTime&sortOrder=asc";

  EXPECT_EQ(listed("?location=room" + asc), (std::vector<std::string>{"Opening", "Panel"}));
  EXPECT_EQ(listed("?search=EXPERTS" + asc), (std::vector<std::string>{"Panel"}));  // description
  EXPECT_EQ(listed("?search=terr" + asc), (std::vector<std::string>{"Lunch"}));     // location
  EXPECT_EQ(listed("?search=open" + asc), (std::vector<std::string>{"Opening"}));   // name
  EXPECT_EQ(listed("?search=room&location=big" + asc), (std::vector<std::string>{"Panel"}));
  // Search text is literal: "%" is not a wildcard, "(" is not a regex error.
  EXPECT_EQ(listed("?search=100%25" + asc), (std::vector<std::string>{"100% hands-on"}));
  EXPECT_EQ(listed("?search=(" + asc), (std::vector<std::string>{}));
}

// ---------------------------------------------------------------------------------------------
// S3 stats, S4 upcoming

TEST_F(SessionsTest, StatsCountsTotalOpenUpcomingAndPast) {
  add_session("Running", -5, 60, true);             // open
  add_session("Open later", 120, 180, true);        // open, upcoming
  add_session("Scheduled later", 240, 300, false);  // upcoming
  add_session("Yesterday", -1500, -1440, false);    // past
  add_session("Starts now", 0, 60, true);           // open; not upcoming (startTime > now is required)

  auto reply = http().get(kBase + "/stats");
  expect_success(reply, 200, "Session statistics retrieved successfully", kBase + "/stats");
  EXPECT_EQ(reply.data(), (Json{{"total", 5}, {"open", 3}, {"upcoming", 2}, {"past", 1}}));
  EXPECT_EQ(keys_of(reply.data()), (std::vector<std::string>{"total", "open", "upcoming", "past"}));
  expect_integers(reply.data());
}

TEST_F(SessionsTest, StatsOfAnEmptyStoreAreZero) {
  auto reply = http().get(kBase + "/stats");
  EXPECT_EQ(reply.data(), (Json{{"total", 0}, {"open", 0}, {"upcoming", 0}, {"past", 0}}));
}

TEST_F(SessionsTest, UpcomingListsOpenSessionsFromNowByStartTime) {
  add_session("In 300", 300, 360, true);
  add_session("In 60", 60, 120, true);
  add_session("In 120", 120, 180, true);
  add_session("Now", 0, 60, true);                // startTime >= now counts
  add_session("Scheduled in 30", 30, 90, false);  // not open: excluded
  add_session("Running", -5, 60, true);           // started: excluded

  auto reply = http().get(kBase + "/upcoming");
  expect_success(reply, 200, "Upcoming sessions retrieved successfully", kBase + "/upcoming");
  EXPECT_EQ(column(reply.data(), "name"), (std::vector<std::string>{"Now", "In 60", "In 120", "In 300"}));

  EXPECT_EQ(column(http().get(kBase + "/upcoming?limit=2").data(), "name"), (std::vector<std::string>{"Now", "In 60"}));
  expect_validation(http().get(kBase + "/upcoming?limit=abc"), "GET", kBase + "/upcoming?limit=abc",
                    {{"limit", "limit must be an integer number"}});
}

TEST_F(SessionsTest, UpcomingDefaultsToFiveAndZeroMeansAll) {
  for (int i = 1; i <= 7; ++i)
    add_session("U" + std::to_string(i), 60 * i, 60 * i + 30, true);
  EXPECT_EQ(column(http().get(kBase + "/upcoming").data(), "name"),
            (std::vector<std::string>{"U1", "U2", "U3", "U4", "U5"}));
  EXPECT_EQ(http().get(kBase + "/upcoming?limit=0").data().size(), 7U);
}

// ---------------------------------------------------------------------------------------------
// S5 get, S6 patch, S7 delete

TEST_F(SessionsTest, GetAnswers404ForAnUnknownIdAnd400ForAMalformedOne) {
  auto d = add_session("Known", 120, 180, false);
  auto id = d["_id"].get<std::string>();
  auto found = http().get(kBase + "/" + id);
  expect_success(found, 200, "Session retrieved successfully", kBase + "/" + id);
  EXPECT_EQ(found.data(), d);

  expect_error(http().get(kBase + "/" + kUnknownId), 404, std::string("Session with ID ") + kUnknownId + " not found",
               "GET", kBase + "/" + kUnknownId);
  expect_error(http().get(kBase + "/abc"), 400, "Invalid ID format: abc", "GET", kBase + "/abc");
  // The reference's pipe let any 12-character string through; admit wants 24 hex digits.
  expect_error(http().get(kBase + "/abcdefghijkl"), 400, "Invalid ID format: abcdefghijkl", "GET",
               kBase + "/abcdefghijkl");
}

TEST_F(SessionsTest, PatchAppliesEveryFieldIncludingThoseTheReferenceIgnored) {
  auto id = add_session_id("Before", 120, 180, false);
  pin_clock(at(1));
  auto reply = http().patch(kBase + "/" + id, Json{{"name", " After "},
                                                   {"description", "Now described"},
                                                   {"location", "Room 2"},
                                                   {"capacity", 20},
                                                   {"capacityEnforced", false},
                                                   {"requiresRegistration", true},
                                                   {"day", 3},
                                                   {"autoOpenMinutesBefore", 5},
                                                   {"autoEndGraceMinutes", 15},
                                                   {"lateThresholdMinutes", 0},
                                                   {"startTime", at(130)},
                                                   {"endTime", at(200)}});
  expect_success(reply, 200, "Session updated successfully", kBase + "/" + id);
  const Json& d = reply.data();
  EXPECT_EQ(d["name"], "After");
  EXPECT_EQ(d["description"], "Now described");
  EXPECT_EQ(d["location"], "Room 2");
  EXPECT_EQ(d["capacity"], 20);
  EXPECT_EQ(d["capacityEnforced"], false);
  EXPECT_EQ(d["requiresRegistration"], true);
  EXPECT_EQ(d["day"], 3);
  EXPECT_EQ(d["autoOpenMinutesBefore"], 5);
  EXPECT_EQ(d["autoEndGraceMinutes"], 15);
  EXPECT_EQ(d["lateThresholdMinutes"], 0);
  EXPECT_EQ(d["startTime"], at(130));
  EXPECT_EQ(d["endTime"], at(200));
  EXPECT_EQ(d["isOpen"], false);  // untouched fields stay
  EXPECT_EQ(d["status"], "scheduled");
  EXPECT_EQ(d["createdAt"], kT0);
  EXPECT_EQ(d["updatedAt"], at(1));
  EXPECT_EQ(http().get(kBase + "/" + id).data(), d);
}

TEST_F(SessionsTest, PatchChecksTimesAgainstTheStoredOnes) {
  auto before = add_session("Timed", 120, 180, false);
  auto id = before["_id"].get<std::string>();
  // Only endTime is sent, earlier than the stored startTime (the reference checked only pairs).
  auto early_end = http().patch(kBase + "/" + id, Json{{"endTime", at(60)}});
  expect_error(early_end, 400, "End time must be after start time", "PATCH", kBase + "/" + id, true);
  EXPECT_EQ(field_errors(early_end), (FieldErrors{{"endTime", "End time must be after start time"}}));
  auto late_start = http().patch(kBase + "/" + id, Json{{"startTime", at(180)}});
  expect_error(late_start, 400, "End time must be after start time", "PATCH", kBase + "/" + id, true);
  EXPECT_EQ(http().get(kBase + "/" + id).data(), before);  // refused updates change nothing

  auto later_end = http().patch(kBase + "/" + id, Json{{"endTime", at(240)}});
  EXPECT_EQ(later_end.status, 200) << later_end.raw;
  EXPECT_EQ(later_end.data()["endTime"], at(240));
}

TEST_F(SessionsTest, PatchIsOpenKeepsStatusConsistent) {
  auto running = add_session_id("Running", -5, 60, true);
  auto closed = http().patch(kBase + "/" + running, Json{{"isOpen", false}});
  EXPECT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.data()["isOpen"], false);
  // "closed", not the reference's "scheduled" that its scheduler re-opened within 30 s.
  EXPECT_EQ(closed.data()["status"], "closed");

  auto reopened = http().patch(kBase + "/" + running, Json{{"isOpen", "true"}});
  EXPECT_EQ(reopened.data()["isOpen"], true);
  EXPECT_EQ(reopened.data()["status"], "open");

  auto later = add_session_id("Later", 120, 180, false);
  auto opened = http().patch(kBase + "/" + later, Json{{"isOpen", true}});
  EXPECT_EQ(opened.data()["isOpen"], true);
  EXPECT_EQ(opened.data()["status"], "open");
}

TEST_F(SessionsTest, PatchWithAnUnchangedIsOpenKeepsTheStatus) {
  // The reference rewrote an ended session's status to "closed" on any PATCH carrying isOpen:false.
  auto id = add_session_id("Over", -120, -60, false);
  auto pass = http().post("/api/v1/_test/scheduler/run", Json::object());
  ASSERT_EQ(pass.status, 200) << pass.raw;
  ASSERT_EQ(http().get(kBase + "/" + id).data()["status"], "ended");

  auto reply = http().patch(kBase + "/" + id, Json{{"isOpen", false}, {"name", "Over and done"}});
  EXPECT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.data()["status"], "ended");
  EXPECT_EQ(reply.data()["isOpen"], false);
  EXPECT_EQ(reply.data()["name"], "Over and done");
}

TEST_F(SessionsTest, PatchRefusesUnknownIdsMalformedIdsAndBadBodies) {
  auto id = add_session_id("Target", 120, 180, false);
  expect_error(http().patch(kBase + "/" + kUnknownId, Json{{"name", "x"}}), 404,
               std::string("Session with ID ") + kUnknownId + " not found", "PATCH", kBase + "/" + kUnknownId);
  expect_error(http().patch(kBase + "/nope", Json{{"name", "x"}}), 400, "Invalid ID format: nope", "PATCH",
               kBase + "/nope");
  expect_validation(http().patch(kBase + "/" + id, Json{{"foo", 1}}), "PATCH", kBase + "/" + id,
                    {{"foo", "property foo should not exist"}});
  expect_validation(http().patch(kBase + "/" + id, Json{{"name", ""}, {"capacity", -1}}), "PATCH", kBase + "/" + id,
                    {{"name", "name should not be empty"}, {"capacity", "capacity must not be less than 0"}});
}

TEST_F(SessionsTest, DeleteAnswersTheDeletedSessionThen404) {
  auto d = add_session("Doomed", 120, 180, false);
  auto id = d["_id"].get<std::string>();
  auto reply = http().del(kBase + "/" + id);
  expect_success(reply, 200, "Session deleted successfully", kBase + "/" + id);
  EXPECT_EQ(reply.data(), d);

  expect_error(http().get(kBase + "/" + id), 404, "Session with ID " + id + " not found", "GET", kBase + "/" + id);
  expect_error(http().del(kBase + "/" + id), 404, "Session with ID " + id + " not found", "DELETE", kBase + "/" + id);
  expect_error(http().del(kBase + "/xyz"), 400, "Invalid ID format: xyz", "DELETE", kBase + "/xyz");
}

// ---------------------------------------------------------------------------------------------
// S8 toggle-open

TEST_F(SessionsTest, ToggleOpenKeepsIsOpenAndStatusConsistent) {
  auto id = add_session_id("Toggled", 120, 180, false);
  const std::string path = kBase + "/" + id + "/toggle-open";

  auto open = http().request("PATCH", path + "?isOpen=true");
  expect_success(open, 200, "Session status updated successfully", path + "?isOpen=true");
  EXPECT_EQ(open.data()["isOpen"], true);
  EXPECT_EQ(open.data()["status"], "open");

  auto close = http().request("PATCH", path + "?isOpen=false");
  EXPECT_EQ(close.status, 200) << close.raw;
  EXPECT_EQ(close.data()["isOpen"], false);
  EXPECT_EQ(close.data()["status"], "closed");

  // Without isOpen nothing changes; the session is answered as it is.
  auto unchanged = http().request("PATCH", path);
  expect_success(unchanged, 200, "Session status updated successfully", path);
  EXPECT_EQ(unchanged.data(), close.data());

  expect_validation(http().request("PATCH", path + "?isOpen=banana"), "PATCH", path + "?isOpen=banana",
                    {{"isOpen", "isOpen must be a boolean value"}});
  EXPECT_EQ(http().get(kBase + "/" + id).data(), close.data());
}

TEST_F(SessionsTest, ToggleOpenRefusesUnknownAndMalformedIds) {
  const std::string unknown = kBase + "/" + kUnknownId + "/toggle-open?isOpen=true";
  expect_error(http().request("PATCH", unknown), 404, std::string("Session with ID ") + kUnknownId + " not found",
               "PATCH", unknown);
  expect_error(http().request("PATCH", kBase + "/" + kUnknownId + "/toggle-open"), 404,
               std::string("Session with ID ") + kUnknownId + " not found", "PATCH",
               kBase + "/" + kUnknownId + "/toggle-open");
  expect_error(http().request("PATCH", kBase + "/123/toggle-open?isOpen=true"), 400, "Invalid ID format: 123", "PATCH",
               kBase + "/123/toggle-open?isOpen=true");
}

// ---------------------------------------------------------------------------------------------
// S9 bulk

TEST_F(SessionsTest, BulkCreateReportsEachItem) {
  Json body = {{"sessions",
                {{{"name", "Bulk A"}, {"startTime", at(120)}, {"endTime", at(180)}, {"isOpen", true}},
                 {{"name", "Bulk B"}, {"startTime", at(180)}, {"endTime", at(180)}},
                 {{"name", "Bulk C"}, {"startTime", at(240)}, {"endTime", at(300)}, {"day", 2}}}}};
  auto reply = http().post(kBase + "/bulk", body);
  expect_success(reply, 201, "Bulk create completed: 2 created, 1 failed", kBase + "/bulk");
  const Json& d = reply.data();
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"success", "failed", "errors", "created"}));
  EXPECT_EQ(d["success"], 2);
  EXPECT_EQ(d["failed"], 1);
  ASSERT_EQ(d["errors"].size(), 1U);
  EXPECT_EQ(keys_of(d["errors"][0]), (std::vector<std::string>{"index", "name", "error"}));
  EXPECT_EQ(d["errors"][0], (Json{{"index", 1}, {"name", "Bulk B"}, {"error", "End time must be after start time"}}));
  EXPECT_TRUE(d["errors"][0]["index"].is_number_integer());
  ASSERT_EQ(d["created"].size(), 2U);
  for (const auto& c : d["created"]) {
    EXPECT_EQ(keys_of(c), (std::vector<std::string>{"_id", "name"}));
    EXPECT_TRUE(is_object_id(c["_id"]));
  }
  EXPECT_EQ(column(d["created"], "name"), (std::vector<std::string>{"Bulk A", "Bulk C"}));

  // isOpen is honoured (the reference left bulk-created sessions "scheduled").
  auto a = http().get(kBase + "/" + d["created"][0]["_id"].get<std::string>()).data();
  EXPECT_EQ(a["isOpen"], true);
  EXPECT_EQ(a["status"], "open");
  auto c = http().get(kBase + "/" + d["created"][1]["_id"].get<std::string>()).data();
  EXPECT_EQ(c["status"], "scheduled");
  EXPECT_EQ(c["day"], 2);
  EXPECT_EQ(http().get(kBase).body["meta"]["total"], 2);
}

TEST_F(SessionsTest, BulkCreateRefusesEmptyOrInvalidPayloadsWhole) {
  const std::string path = kBase + "/bulk";
  expect_validation(http().post(path, Json{{"sessions", Json::array()}}), "POST", path,
                    {{"sessions", "At least one session is required"}});
  expect_validation(http().post(path, Json::object()), "POST", path,
                    {{"sessions", "At least one session is required"}, {"sessions", "sessions must be an array"}});

  // One invalid item fails the whole request: nothing is created. Nested messages carry the item
  // path in front, as Nest writes them.
  Json body = {{"sessions",
                {{{"startTime", at(120)}, {"endTime", at(180)}},
                 {{"name", "Fine"}, {"startTime", at(120)}, {"endTime", at(180)}, {"foo", true}}}}};
  expect_validation(http().post(path, body), "POST", path,
                    {{"sessions.0.name", "sessions.0.name should not be empty"},
                     {"sessions.0.name", "sessions.0.name must be a string"},
                     {"sessions.1.foo", "sessions.1.property foo should not exist"}});
  EXPECT_EQ(http().get(kBase).body["meta"]["total"], 0);
}

// ---------------------------------------------------------------------------------------------
// S10 participants, S11 check-ins

TEST_F(SessionsTest, ParticipantsAreTheRegisteredOnesNewestRegistrationFirst) {
  auto session = add_session_id("Registered", 120, 180, false);
  auto other = add_session_id("Other", 120, 180, false);
  auto p1 = create_participant();
  auto p2 = create_participant();
  auto p3 = create_participant();
  auto lone = create_participant();
  pin_clock(at(1));
  create_registration(p1, session, "pending");
  pin_clock(at(2));
  create_registration(p2, session, "cancelled");  // any status counts
  pin_clock(at(3));
  create_registration(p3, session, "confirmed");
  create_registration(lone, other, "confirmed");

  const std::string path = kBase + "/" + session + "/participants";
  auto reply = http().get(path);
  expect_success(reply, 200, "Session participants retrieved successfully", path);
  EXPECT_EQ(column(reply.data(), "_id"), (std::vector<std::string>{p3, p2, p1}));
  // Full participant documents.
  EXPECT_EQ(reply.data()[0], http().get("/api/v1/participants/" + p3).data());

  auto empty = http().get(kBase + "/" + add_session_id("Nobody", 120, 180, false) + "/participants");
  EXPECT_EQ(empty.data(), Json::array());
  expect_error(http().get(kBase + "/" + kUnknownId + "/participants"), 404,
               std::string("Session with ID ") + kUnknownId + " not found", "GET",
               kBase + "/" + kUnknownId + "/participants");
  expect_error(http().get(kBase + "/bad/participants"), 400, "Invalid ID format: bad", "GET",
               kBase + "/bad/participants");
}

TEST_F(SessionsTest, CheckInsAreNewestFirstWithTheParticipantPopulated) {
  auto session = add_session_id("Checked", -5, 120, true);
  auto p1 = create_participant();
  auto p2 = create_participant();
  pin_clock(at(1));
  auto first =
      http().post("/api/v1/checkin", Json{{"participantId", p1}, {"sessionId", session}, {"method", "manual"}});
  ASSERT_EQ(first.status, 201) << first.raw;
  pin_clock(at(2));
  auto second = http().post("/api/v1/checkin", Json{{"participantId", p2}, {"sessionId", session}, {"method", "qr"}});
  ASSERT_EQ(second.status, 201) << second.raw;

  const std::string path = kBase + "/" + session + "/checkins";
  auto reply = http().get(path);
  expect_success(reply, 200, "Session check-ins retrieved successfully", path);
  ASSERT_EQ(reply.data().size(), 2U);
  const Json& newest = reply.data()[0];
  EXPECT_EQ(newest["_id"], second.data()["_id"]);
  EXPECT_EQ(newest["checkInTime"], at(2));
  EXPECT_EQ(newest["method"], "qr");
  EXPECT_EQ(newest["sessionId"], session);  // left as the id
  EXPECT_EQ(newest["participantId"], http().get("/api/v1/participants/" + p2).data());
  EXPECT_EQ(reply.data()[1]["_id"], first.data()["_id"]);
  EXPECT_EQ(reply.data()[1]["participantId"]["_id"], p1);

  expect_error(http().get(kBase + "/" + kUnknownId + "/checkins"), 404,
               std::string("Session with ID ") + kUnknownId + " not found", "GET",
               kBase + "/" + kUnknownId + "/checkins");
}

}  // namespace
}  // namespace admit::test
