// Health (§3.7), settings (Appendix A), the development reset and the HTTP conventions of §1
// (request ids, body parsing and limits, path decoding, routing) over HTTP against the real binary.

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kT0 = "2026-01-15T09:00:00.000Z";

const Json kDefaultTiming = {{"autoOpenMinutesBefore", 10},
                             {"autoEndEnabled", true},
                             {"autoEndGraceMinutes", 0},
                             {"lateThresholdMinutes", 10},
                             {"schedulerIntervalMs", 30000}};

bool matches(const Json& value, const char* pattern) {
  return value.is_string() && std::regex_match(value.get<std::string>(), std::regex(pattern));
}

const char* const kUuidV4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

class PlatformTest : public ApiTest {};

// ---------------------------------------------------------------------------------------------
// Health

TEST_F(PlatformTest, HealthReportsStatusUptimeDatabaseAndMemory) {
  auto reply = http().get("/api/v1/health");
  expect_success(reply, 200, "Success", "/api/v1/health");
  const Json& d = reply.data();
  // The reference also had a "redis" block; admit has no Redis.
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"status", "timestamp", "uptime", "database", "memory"}));
  EXPECT_EQ(d["status"], "ok");
  EXPECT_EQ(d["timestamp"], reply.body["timestamp"]);
  EXPECT_TRUE(d["uptime"].is_number_integer()) << d["uptime"];
  EXPECT_GE(d["uptime"].get<std::int64_t>(), 0);
  EXPECT_EQ(d["database"], (Json{{"status", "connected"}, {"name", "admit.db"}}));
  EXPECT_EQ(keys_of(d["memory"]), (std::vector<std::string>{"heapUsed", "heapTotal", "rss"}));
  for (const auto& [key, value] : d["memory"].items())
    EXPECT_TRUE(matches(value, R"(^\d+\.\d{2} MB$)")) << key << ": " << value;
}

TEST_F(PlatformTest, HealthTimestampFollowsTheServerClock) {
  pin_clock(kT0);
  auto reply = http().get("/api/v1/health");
  EXPECT_EQ(reply.data()["timestamp"], kT0);
  EXPECT_EQ(reply.body["timestamp"], kT0);
}

TEST_F(PlatformTest, LiveAndReadyAnswerOk) {
  auto live = http().get("/api/v1/health/live");
  expect_success(live, 200, "Success", "/api/v1/health/live");
  EXPECT_EQ(live.data(), (Json{{"status", "ok"}}));

  auto ready = http().get("/api/v1/health/ready");
  expect_success(ready, 200, "Success", "/api/v1/health/ready");
  EXPECT_EQ(ready.data(), (Json{{"status", "ok"}, {"database", "connected"}, {"details", "All systems operational"}}));
  EXPECT_EQ(keys_of(ready.data()), (std::vector<std::string>{"status", "database", "details"}));
}

// ---------------------------------------------------------------------------------------------
// Settings

TEST_F(PlatformTest, SettingsAnswerTimingVersionAndEnvironment) {
  auto reply = http().get("/api/v1/settings");
  expect_success(reply, 200, "Success", "/api/v1/settings");
  EXPECT_EQ(keys_of(reply.data()), (std::vector<std::string>{"timing", "version", "environment"}));
  EXPECT_EQ(reply.data()["timing"], kDefaultTiming);
  EXPECT_EQ(reply.data()["version"], ADMIT_VERSION);
  EXPECT_EQ(reply.data()["environment"], "production");
}

TEST_F(PlatformTest, TimingStartsAtTheDefaults) {
  auto reply = http().get("/api/v1/settings/timing");
  expect_success(reply, 200, "Success", "/api/v1/settings/timing");
  EXPECT_EQ(reply.data(), kDefaultTiming);
  EXPECT_EQ(keys_of(reply.data()), keys_of(kDefaultTiming));
}

TEST_F(PlatformTest, PutTimingUpdatesTheGivenValuesAndParsesBooleans) {
  const std::string path = "/api/v1/settings/timing";
  auto reply = http().put(path, Json{{"autoOpenMinutesBefore", 0},
                                     {"autoEndEnabled", "false"},  // "false" is false (the reference: true)
                                     {"autoEndGraceMinutes", 1440},
                                     {"lateThresholdMinutes", "5"}});
  expect_success(reply, 200, "Success", path);
  Json expected = {{"autoOpenMinutesBefore", 0},
                   {"autoEndEnabled", false},
                   {"autoEndGraceMinutes", 1440},
                   {"lateThresholdMinutes", 5},
                   {"schedulerIntervalMs", 30000}};
  EXPECT_EQ(reply.data(), expected);
  EXPECT_EQ(http().get(path).data(), expected);
  EXPECT_EQ(http().get("/api/v1/settings").data()["timing"], expected);

  // A partial update leaves the other values alone.
  auto partial = http().put(path, Json{{"lateThresholdMinutes", 7}});
  expected["lateThresholdMinutes"] = 7;
  EXPECT_EQ(partial.data(), expected);
  auto enable = http().put(path, Json{{"autoEndEnabled", true}});
  expected["autoEndEnabled"] = true;
  EXPECT_EQ(enable.data(), expected);
}

TEST_F(PlatformTest, PutTimingRefusesOutOfRangeValuesAndTheSchedulerInterval) {
  const std::string path = "/api/v1/settings/timing";
  expect_validation(http().put(path, Json{{"autoOpenMinutesBefore", -1},
                                          {"autoEndEnabled", "banana"},
                                          {"autoEndGraceMinutes", 1441},
                                          {"lateThresholdMinutes", 2.5}}),
                    "PUT", path,
                    {{"autoOpenMinutesBefore", "autoOpenMinutesBefore must not be less than 0"},
                     {"autoEndEnabled", "autoEndEnabled must be a boolean value"},
                     {"autoEndGraceMinutes", "autoEndGraceMinutes must not be greater than 1440"},
                     {"lateThresholdMinutes", "lateThresholdMinutes must be an integer number"}});
  expect_validation(http().put(path, Json{{"schedulerIntervalMs", 1000}}), "PUT", path,
                    {{"schedulerIntervalMs", "property schedulerIntervalMs should not exist"}});
  EXPECT_EQ(http().get(path).data(), kDefaultTiming);  // nothing changed
}

// ---------------------------------------------------------------------------------------------
// Development reset

TEST_F(PlatformTest, DevResetEmptiesEveryCollectionAndRestoresTheTiming) {
  auto session = create_session();
  auto participant = create_participant();
  create_registration(participant, session);
  ASSERT_EQ(http().post("/api/v1/checkin", Json{{"participantId", participant}, {"sessionId", session}}).status, 201);
  ASSERT_EQ(http().put("/api/v1/settings/timing", Json{{"lateThresholdMinutes", 30}}).status, 200);

  auto reply = http().post("/api/v1/_dev/reset", Json::object());
  expect_success(reply, 200, "All data deleted", "/api/v1/_dev/reset");
  EXPECT_EQ(reply.data(), Json::object());

  for (const char* list : {"/api/v1/sessions", "/api/v1/participants", "/api/v1/registrations", "/api/v1/checkin"}) {
    auto listed = http().get(list);
    EXPECT_EQ(listed.status, 200) << list;
    EXPECT_EQ(listed.data(), Json::array()) << list;
    EXPECT_EQ(listed.body["meta"]["total"], 0) << list;
  }
  EXPECT_EQ(http().get("/api/v1/sessions/" + session).status, 404);
  EXPECT_EQ(http().get("/api/v1/settings/timing").data(), kDefaultTiming);
}

// ---------------------------------------------------------------------------------------------
// Request ids

TEST_F(PlatformTest, RequestIdIsEchoedWhenGivenAndGeneratedOtherwise) {
  auto given = http().request("GET", "/api/v1/health/live", std::nullopt, {{"X-Request-Id", "trace-42.abc"}});
  EXPECT_EQ(given.header("x-request-id"), "trace-42.abc");
  // Also on errors.
  auto error = http().request("GET", "/api/v1/sessions/bad", std::nullopt, {{"X-Request-Id", "trace-43"}});
  EXPECT_EQ(error.status, 400);
  EXPECT_EQ(error.header("x-request-id"), "trace-43");

  auto first = http().get("/api/v1/health/live");
  auto second = http().get("/api/v1/health/live");
  EXPECT_TRUE(matches(Json(first.header("x-request-id")), kUuidV4)) << first.header("x-request-id");
  EXPECT_NE(first.header("x-request-id"), second.header("x-request-id"));

  // An id that could corrupt logs or headers is replaced by a generated one.
  auto spaced = http().request("GET", "/api/v1/health/live", std::nullopt, {{"X-Request-Id", "has space"}});
  EXPECT_TRUE(matches(Json(spaced.header("x-request-id")), kUuidV4)) << spaced.header("x-request-id");
  auto huge = http().request("GET", "/api/v1/health/live", std::nullopt, {{"X-Request-Id", std::string(129, 'a')}});
  EXPECT_TRUE(matches(Json(huge.header("x-request-id")), kUuidV4));
}

// ---------------------------------------------------------------------------------------------
// Bodies

TEST_F(PlatformTest, MalformedJsonIs400) {
  auto truncated = http().request_raw("POST", "/api/v1/sessions", "{\"name\":", "application/json");
  expect_error(truncated, 400, "Malformed JSON body at byte 9", "POST", "/api/v1/sessions");
  auto garbage = http().request_raw("POST", "/api/v1/participants", "{name: 'x'}", "application/json; charset=utf-8");
  expect_error(garbage, 400, "Malformed JSON body at byte 3", "POST", "/api/v1/participants");
  // A JSON body that is not an object.
  auto array = http().request_raw("POST", "/api/v1/participants", "[1, 2]", "application/json");
  expect_validation(array, "POST", "/api/v1/participants", {{"body", "the request body must be a JSON object"}});
}

TEST_F(PlatformTest, BodiesOverOneHundredKilobytesAre413) {
  // Exactly 100 kB (102400 bytes) is read and validated; one byte more is refused unread.
  auto body_of = [](std::size_t size) {
    std::string prefix = R"({"name":"Big","email":"big@example.org","notes":")";
    std::string suffix = R"("})";
    return prefix + std::string(size - prefix.size() - suffix.size(), 'n') + suffix;
  };
  auto at_limit = http().request_raw("POST", "/api/v1/participants", body_of(102400), "application/json");
  expect_validation(at_limit, "POST", "/api/v1/participants",
                    {{"notes", "notes must be shorter than or equal to 500 characters"}});

  // The reference answered 500 here.
  auto over = http().request_raw("POST", "/api/v1/participants", body_of(102401), "application/json",
                                 {{"X-Request-Id", "too-big"}});
  expect_error(over, 413, "request entity too large (limit 102400 bytes)", "POST", "/api/v1/participants");
  EXPECT_EQ(over.header("x-request-id"), "too-big");
  auto far_over = http().request_raw("POST", "/api/v1/sessions", body_of(2 * 1024 * 1024), "application/json");
  expect_error(far_over, 413, "request entity too large (limit 102400 bytes)", "POST", "/api/v1/sessions");

  // The server still answers (on a new connection).
  EXPECT_EQ(http().get("/api/v1/health/live").status, 200);
  EXPECT_EQ(http().get("/api/v1/participants/stats").data()["total"], 0);
}

TEST_F(PlatformTest, BulkRoutesAcceptBodiesOverOneHundredKilobytes) {
  Json items = Json::array();
  for (int i = 0; i < 1500; ++i)
    items.push_back({{"name", "Imported " + std::to_string(i) + std::string(60, 'x')},
                     {"email", "imported" + std::to_string(i) + "@example.org"}});
  Json body = {{"participants", items}};
  ASSERT_GT(body.dump().size(), 120U * 1024);
  auto reply = http().post("/api/v1/participants/bulk", body);
  expect_success(reply, 201, "Created 1500 participants, 0 failed", "/api/v1/participants/bulk");
  EXPECT_EQ(http().get("/api/v1/participants/stats").data()["total"], 1500);
}

TEST_F(PlatformTest, FormUrlEncodedBodiesAreAccepted) {
  auto reply = http().request_raw("POST", "/api/v1/participants",
                                  "name=Form+User&email=Form%40Example.org&organization=R%26D&isActive=false",
                                  "application/x-www-form-urlencoded");
  expect_success(reply, 201, "Participant created successfully", "/api/v1/participants");
  EXPECT_EQ(reply.data()["name"], "Form User");
  EXPECT_EQ(reply.data()["email"], "form@example.org");
  EXPECT_EQ(reply.data()["organization"], "R&D");
  EXPECT_EQ(reply.data()["isActive"], false);

  auto timing = http().request_raw("PUT", "/api/v1/settings/timing", "lateThresholdMinutes=12&autoEndEnabled=false",
                                   "application/x-www-form-urlencoded");
  EXPECT_EQ(timing.status, 200) << timing.raw;
  EXPECT_EQ(timing.data()["lateThresholdMinutes"], 12);
  EXPECT_EQ(timing.data()["autoEndEnabled"], false);
}

// ---------------------------------------------------------------------------------------------
// URLs and routing

TEST_F(PlatformTest, BadPercentEncodingInAPathParameterIs400) {
  expect_error(http().get("/api/v1/sessions/%E0%A4%A"), 400, "Failed to decode param '%E0%A4%A'", "GET",
               "/api/v1/sessions/%E0%A4%A");
  // Well-formed escapes that do not decode to UTF-8 are refused too, as decodeURIComponent does.
  expect_error(http().get("/api/v1/participants/qr/%FF"), 400, "Failed to decode param '%FF'", "GET",
               "/api/v1/participants/qr/%FF");
  // Good escapes are decoded before use.
  expect_error(http().get("/api/v1/participants/qr/QR-%C3%A9"), 404, "Participant with ID qrCode: QR-\u00e9 not found",
               "GET", "/api/v1/participants/qr/QR-%C3%A9");
}

TEST_F(PlatformTest, QueryValuesArePercentDecoded) {
  create_participant({{"name", "a b"}, {"email", "spaced@example.org"}});
  create_participant({{"name", "ab"}, {"email", "joined@example.org"}});
  auto encoded = http().get("/api/v1/participants?search=a%20b");
  expect_success(encoded, 200, "Participants retrieved successfully", "/api/v1/participants?search=a%20b", true);
  EXPECT_EQ(column(encoded.data(), "name"), (std::vector<std::string>{"a b"}));
  auto plus = http().get("/api/v1/participants?search=a+b");
  EXPECT_EQ(column(plus.data(), "name"), (std::vector<std::string>{"a b"}));
  auto at = http().get("/api/v1/participants?search=spaced%40example");
  EXPECT_EQ(column(at.data(), "name"), (std::vector<std::string>{"a b"}));
}

TEST_F(PlatformTest, TrailingSlashesAddressTheSameRoutes) {
  auto list = http().get("/api/v1/sessions/");
  expect_success(list, 200, "Sessions retrieved successfully", "/api/v1/sessions/", true);
  auto id = create_session();
  auto one = http().get("/api/v1/sessions/" + id + "/");
  expect_success(one, 200, "Session retrieved successfully", "/api/v1/sessions/" + id + "/");
  EXPECT_EQ(one.data()["_id"], id);
  auto created = http().post("/api/v1/participants/", Json{{"name", "Slash"}, {"email", "slash@example.org"}});
  EXPECT_EQ(created.status, 201) << created.raw;
}

TEST_F(PlatformTest, UnknownRoutesAndMethodsAre404) {
  expect_error(http().put("/api/v1/sessions", Json::object()), 404, "Cannot PUT /api/v1/sessions", "PUT",
               "/api/v1/sessions");
  expect_error(http().del("/api/v1/participants"), 404, "Cannot DELETE /api/v1/participants", "DELETE",
               "/api/v1/participants");
  expect_error(http().get("/api/v2/sessions"), 404, "Cannot GET /api/v2/sessions", "GET", "/api/v2/sessions");
  expect_error(http().get("/api/sessions"), 404, "Cannot GET /api/sessions", "GET", "/api/sessions");
  // The reference (Nest) names the URL as requested, query string included.
  expect_error(http().get("/api/v1/foo?x=1"), 404, "Cannot GET /api/v1/foo?x=1", "GET", "/api/v1/foo?x=1");
  expect_error(http().post("/api/v1/health", Json::object()), 404, "Cannot POST /api/v1/health", "POST",
               "/api/v1/health");
}

TEST_F(PlatformTest, HeadIsAnsweredLikeGetWithoutABody) {
  // As in Express: a GET route answers HEAD with the same status and headers, and no body.
  auto get = http().get("/api/v1/health/live");
  auto head = http().request("HEAD", "/api/v1/health/live");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.raw, "");
  EXPECT_EQ(head.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(head.header("content-length"), std::to_string(get.raw.size()));

  auto missing = http().request("HEAD", "/api/v1/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.raw, "");
  auto unknown_id = http().request("HEAD", "/api/v1/sessions/507f1f77bcf86cd799439011");
  EXPECT_EQ(unknown_id.status, 404);

  // Nothing of a HEAD answer leaks into the next answer on the same connection.
  auto after = http().get("/api/v1/health/live");
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.data(), (Json{{"status", "ok"}}));
}

// ---------------------------------------------------------------------------------------------
// Servers of their own: the suite's shared server must not be stopped or started differently.

TEST(PlatformRestartTest, SettingsAndDataSurviveARestart) {
  ServerProcess server;
  Json timing = {{"autoOpenMinutesBefore", 25},
                 {"autoEndEnabled", false},
                 {"autoEndGraceMinutes", 5},
                 {"lateThresholdMinutes", 3},
                 {"schedulerIntervalMs", 30000}};
  std::string session_id;
  {
    HttpClient http(server.port());
    ASSERT_EQ(http.put("/api/v1/settings/timing", Json{{"autoOpenMinutesBefore", 25},
                                                       {"autoEndEnabled", false},
                                                       {"autoEndGraceMinutes", 5},
                                                       {"lateThresholdMinutes", 3}})
                  .status,
              200);
    auto created = http.post("/api/v1/sessions", Json{{"name", "Persistent"},
                                                      {"startTime", "2030-01-01T09:00:00.000Z"},
                                                      {"endTime", "2030-01-01T10:00:00.000Z"}});
    ASSERT_EQ(created.status, 201) << created.raw;
    session_id = created.data()["_id"].get<std::string>();
  }
  EXPECT_EQ(server.stop(), 0);  // a clean shutdown
  server.start();

  HttpClient http(server.port());
  EXPECT_EQ(http.get("/api/v1/settings/timing").data(), timing);
  EXPECT_EQ(http.get("/api/v1/settings").data()["timing"], timing);
  auto session = http.get("/api/v1/sessions/" + session_id);
  EXPECT_EQ(session.status, 200) << session.raw;
  EXPECT_EQ(session.data()["name"], "Persistent");
}

TEST(PlatformNoResetTest, WithoutDevResetTheResetRouteDoesNotExist) {
  ServerProcess server({}, DevReset::kDisabled);
  HttpClient http(server.port());
  auto created = http.post("/api/v1/participants", Json{{"name", "Kept"}, {"email", "kept@example.org"}});
  ASSERT_EQ(created.status, 201) << created.raw;

  auto reset = http.post("/api/v1/_dev/reset", Json::object());
  expect_error(reset, 404, "Cannot POST /api/v1/_dev/reset", "POST", "/api/v1/_dev/reset");
  EXPECT_EQ(http.get("/api/v1/participants/stats").data()["total"], 1);  // nothing was deleted
}

}  // namespace
}  // namespace admit::test
