#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace admit::test {

// One admit process for a whole test suite; every test starts from an empty store through the
// development reset route.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    client_ = std::make_unique<HttpClient>(server_->port());
    ASSERT_EQ(client_->post("/api/v1/_dev/reset", Json::object()).status, 200);
    ASSERT_EQ(client_->post("/api/v1/_test/clock", Json{{"now", nullptr}}).status, 200);
  }

  HttpClient& http() { return *client_; }
  static ServerProcess& server() { return *server_; }

  // Helpers that create a resource and return its _id (failing the test otherwise).
  std::string create_session(Json overrides = Json::object());
  std::string create_participant(Json overrides = Json::object());
  std::string create_registration(const std::string& participant_id, const std::string& session_id,
                                  const std::string& status = "confirmed");
  // Pins the server's clock ("2026-01-15T09:00:00.000Z").
  void pin_clock(const std::string& iso);

  static inline std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

// ISO-8601 UTC "now + minutes" from the real clock, for sessions relative to the present.
std::string iso_from_now(int minutes);

}  // namespace admit::test
