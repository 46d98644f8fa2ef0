#include "http/router.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace admit {
namespace {

// The handlers are never called here; routes are told apart by their patterns.
class RouterTest : public ::testing::Test {
 protected:
  void add(bhttp::verb method, const std::string& pattern, std::size_t limit = kJsonBodyLimit) {
    router_.add(method, pattern, Handler{}, limit);
  }
  std::string pattern_of(bhttp::verb method, std::string_view path) {
    auto m = router_.match(method, path);
    return m ? m->route->pattern : "<none>";
  }
  std::vector<std::string> params_of(bhttp::verb method, std::string_view path) {
    auto m = router_.match(method, path);
    return m ? m->params : std::vector<std::string>{"<none>"};
  }

  Router router_;
};

TEST_F(RouterTest, StaticRouteAddedFirstWinsOverParameter) {
  add(bhttp::verb::get, "/api/v1/participants/stats");
  add(bhttp::verb::get, "/api/v1/participants/generate-qr");
  add(bhttp::verb::get, "/api/v1/participants/:id");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/participants/stats"), "/api/v1/participants/stats");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/participants/generate-qr"), "/api/v1/participants/generate-qr");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/participants/65a0c0ffee0000000000b001"), "/api/v1/participants/:id");
  EXPECT_TRUE(router_.match(bhttp::verb::get, "/api/v1/participants/stats")->params.empty());
}

TEST_F(RouterTest, OrderOfAdditionDecides) {
  // Added the other way round, the parameter swallows the static path: order is the contract.
  add(bhttp::verb::get, "/things/:id");
  add(bhttp::verb::get, "/things/stats");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/things/stats"), "/things/:id");
  EXPECT_EQ(params_of(bhttp::verb::get, "/things/stats"), std::vector<std::string>{"stats"});
}

TEST_F(RouterTest, CapturesParamsInOrderStillEncoded) {
  add(bhttp::verb::get, "/api/v1/checkin/verify/:participantId/:sessionId");
  add(bhttp::verb::get, "/api/v1/participants/qr/:qrCode");
  EXPECT_EQ(params_of(bhttp::verb::get, "/api/v1/checkin/verify/aaa/bbb"), (std::vector<std::string>{"aaa", "bbb"}));
  EXPECT_EQ(params_of(bhttp::verb::get, "/api/v1/participants/qr/QR%2D1"), std::vector<std::string>{"QR%2D1"});
}

TEST_F(RouterTest, TrailingSlashAddressesTheSameRoute) {
  add(bhttp::verb::get, "/api/v1/sessions");
  add(bhttp::verb::get, "/api/v1/sessions/:id");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/sessions/"), "/api/v1/sessions");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/sessions/abc/"), "/api/v1/sessions/:id");
  EXPECT_EQ(params_of(bhttp::verb::get, "/api/v1/sessions/abc/"), std::vector<std::string>{"abc"});
}

TEST_F(RouterTest, EmptyOrMissingSegmentsDoNotMatchParameters) {
  add(bhttp::verb::get, "/a/:id/b");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/a//b"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/a/b"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/a/x/b/c"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/a/x/b"), "/a/:id/b");
}

TEST_F(RouterTest, SegmentsMatchExactly) {
  add(bhttp::verb::get, "/api/v1/sessions");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/Sessions"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/sessionsx"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v2/sessions"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::get, ""), "<none>");
}

TEST_F(RouterTest, MethodMismatchIsNoMatch) {
  add(bhttp::verb::post, "/api/v1/checkin");
  add(bhttp::verb::delete_, "/api/v1/checkin/:id");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/checkin"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::put, "/api/v1/checkin"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::post, "/api/v1/checkin"), "/api/v1/checkin");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/api/v1/checkin/x"), "<none>");
  EXPECT_EQ(pattern_of(bhttp::verb::delete_, "/api/v1/checkin/x"), "/api/v1/checkin/:id");
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  add(bhttp::verb::get, "/api/v1/health/live");
  add(bhttp::verb::post, "/api/v1/checkin");
  EXPECT_EQ(pattern_of(bhttp::verb::head, "/api/v1/health/live"), "/api/v1/health/live");
  EXPECT_EQ(pattern_of(bhttp::verb::head, "/api/v1/checkin"), "<none>");
  // Only HEAD borrows: a GET never matches a HEAD-only route.
  add(bhttp::verb::head, "/only-head");
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/only-head"), "<none>");
}

TEST_F(RouterTest, SamePathDifferentMethodsAreDifferentRoutes) {
  add(bhttp::verb::get, "/api/v1/settings/timing", 1);
  add(bhttp::verb::put, "/api/v1/settings/timing", 2);
  EXPECT_EQ(router_.match(bhttp::verb::get, "/api/v1/settings/timing")->route->body_limit, 1u);
  EXPECT_EQ(router_.match(bhttp::verb::put, "/api/v1/settings/timing")->route->body_limit, 2u);
}

TEST_F(RouterTest, BodyLimitIsPerRoute) {
  add(bhttp::verb::post, "/api/v1/bulk/upload/participants", 10 * 1024 * 1024);
  add(bhttp::verb::post, "/api/v1/sessions");
  EXPECT_EQ(router_.body_limit(bhttp::verb::post, "/api/v1/bulk/upload/participants"), 10u * 1024 * 1024);
  EXPECT_EQ(router_.body_limit(bhttp::verb::post, "/api/v1/sessions"), kJsonBodyLimit);
  EXPECT_EQ(kJsonBodyLimit, 100u * 1024);
  // Unknown paths and methods fall back to the JSON limit (they will be a 404 anyway).
  EXPECT_EQ(router_.body_limit(bhttp::verb::post, "/nowhere"), kJsonBodyLimit);
  EXPECT_EQ(router_.body_limit(bhttp::verb::put, "/api/v1/bulk/upload/participants"), kJsonBodyLimit);
}

TEST_F(RouterTest, RoutesAreKeptInOrderWithTheirSegments) {
  add(bhttp::verb::get, "/api/v1/sessions/:id/checkins");
  add(bhttp::verb::get, "/");
  ASSERT_EQ(router_.routes().size(), 2u);
  EXPECT_EQ(router_.routes()[0].segments, (std::vector<std::string>{"api", "v1", "sessions", ":id", "checkins"}));
  EXPECT_EQ(router_.routes()[1].segments, std::vector<std::string>{""});
  EXPECT_EQ(pattern_of(bhttp::verb::get, "/"), "/");
}

}  // namespace
}  // namespace admit
