#include "support/fixtures.hpp"

#include <atomic>
#include <chrono>

#include "domain/time.hpp"

namespace admit::test {

namespace {
std::atomic<int> counter{0};
}

std::string iso_from_now(int minutes) {
  auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return admit::format_iso8601(now + std::chrono::minutes(minutes));
}

std::string ApiTest::create_session(Json overrides) {
  Json body = {{"name", "Session " + std::to_string(++counter)},
               {"startTime", iso_from_now(-5)},
               {"endTime", iso_from_now(60)},
               {"isOpen", true}};
  for (auto& [k, v] : overrides.items())
    body[k] = v;
  auto reply = http().post("/api/v1/sessions", body);
  EXPECT_EQ(reply.status, 201) << reply.raw;
  return reply.body.at("data").at("_id").get<std::string>();
}

std::string ApiTest::create_participant(Json overrides) {
  int n = ++counter;
  Json body = {{"name", "Participant " + std::to_string(n)}, {"email", "p" + std::to_string(n) + "@example.org"}};
  for (auto& [k, v] : overrides.items())
    body[k] = v;
  auto reply = http().post("/api/v1/participants", body);
  EXPECT_EQ(reply.status, 201) << reply.raw;
  return reply.body.at("data").at("_id").get<std::string>();
}

std::string ApiTest::create_registration(const std::string& participant_id, const std::string& session_id,
                                         const std::string& status) {
  auto reply = http().post("/api/v1/registrations",
                           Json{{"participantId", participant_id}, {"sessionId", session_id}, {"status", status}});
  EXPECT_EQ(reply.status, 201) << reply.raw;
  return reply.body.at("data").at("_id").get<std::string>();
}

void ApiTest::pin_clock(const std::string& iso) {
  auto reply = http().post("/api/v1/_test/clock", Json{{"now", iso}});
  ASSERT_EQ(reply.status, 200) << reply.raw;
}

}  // namespace admit::test
