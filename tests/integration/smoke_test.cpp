#include "support/fixtures.hpp"

namespace admit::test {
namespace {

class SmokeTest : public ApiTest {};

TEST_F(SmokeTest, LiveAnswersInTheEnvelope) {
  auto reply = http().get("/api/v1/health/live");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["status"], "success");
  EXPECT_EQ(reply.data()["status"], "ok");
  EXPECT_EQ(reply.body["path"], "/api/v1/health/live");
  EXPECT_FALSE(reply.header("x-request-id").empty());
}

TEST_F(SmokeTest, UnknownRouteIs404WithTheReferenceMessage) {
  auto reply = http().get("/api/v1/foo");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.body["message"], "Cannot GET /api/v1/foo");
  EXPECT_EQ(reply.body["statusCode"], 404);
  EXPECT_EQ(reply.body["method"], "GET");
}

}  // namespace
}  // namespace admit::test
