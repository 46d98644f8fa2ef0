#include "http/envelope.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <string>
#include <vector>

#include "storage/storage_error.hpp"

namespace admit {
namespace {

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items())
    keys.push_back(key);
  return keys;
}

// --- page_meta ------------------------------------------------------------------------------

TEST(PageMeta, PageFirstKeyOrder) {
  Json meta = page_meta(1, 2, 3);
  EXPECT_EQ(meta.dump(), R"({"page":1,"limit":2,"total":3,"totalPages":2,"hasNextPage":true,"hasPrevPage":false})");
}

TEST(PageMeta, TotalFirstKeyOrder) {
  Json meta = page_meta(2, 2, 3, MetaOrder::kTotalFirst);
  EXPECT_EQ(meta.dump(), R"({"total":3,"page":2,"limit":2,"totalPages":2,"hasNextPage":false,"hasPrevPage":true})");
}

struct PageCase {
  int page;
  int limit;
  std::int64_t total;
  std::int64_t total_pages;
  bool has_next;
  bool has_prev;
};

TEST(PageMeta, Arithmetic) {
  const PageCase cases[] = {
      {1, 10, 0, 0, false, false},                                     // nothing at all
      {1, 10, 1, 1, false, false},                                     //
      {1, 10, 10, 1, false, false},                                    // exactly one full page
      {1, 10, 11, 2, true, false},                                     // one more spills over
      {2, 10, 25, 3, true, true},                                      //
      {3, 10, 25, 3, false, true},                                     // last page
      {5, 10, 25, 3, false, true},                                     // past the end
      {1, 1, 100, 100, true, false},                                   //
      {100, 100, 9999, 100, false, true}, {2, 10, 0, 0, false, true},  // an empty result still has a previous page
  };
  for (const auto& c : cases) {
    for (auto order : {MetaOrder::kPageFirst, MetaOrder::kTotalFirst}) {
      Json meta = page_meta(c.page, c.limit, c.total, order);
      SCOPED_TRACE(meta.dump());
      EXPECT_EQ(meta["page"], c.page);
      EXPECT_EQ(meta["limit"], c.limit);
      EXPECT_EQ(meta["total"], c.total);
      EXPECT_EQ(meta["totalPages"], c.total_pages);
      EXPECT_EQ(meta["hasNextPage"], c.has_next);
      EXPECT_EQ(meta["hasPrevPage"], c.has_prev);
    }
  }
}

TEST(PageMeta, LargeTotalsStayExact) {
  Json meta = page_meta(1, 3, 9007199254740993LL);
  EXPECT_EQ(meta["total"].get<std::int64_t>(), 9007199254740993LL);
}

// --- status_of ------------------------------------------------------------------------------

TEST(StatusOf, EveryErrorKind) {
  EXPECT_EQ(status_of(ErrorKind::kValidation), bhttp::status::bad_request);
  EXPECT_EQ(status_of(ErrorKind::kBadRequest), bhttp::status::bad_request);
  EXPECT_EQ(status_of(ErrorKind::kNotFound), bhttp::status::not_found);
  EXPECT_EQ(status_of(ErrorKind::kConflict), bhttp::status::conflict);
  EXPECT_EQ(status_of(ErrorKind::kPayloadTooLarge), bhttp::status::payload_too_large);
  EXPECT_EQ(status_of(ErrorKind::kUnavailable), bhttp::status::service_unavailable);
  EXPECT_EQ(status_of(ErrorKind::kInternal), bhttp::status::internal_server_error);
}

// --- error_response -------------------------------------------------------------------------

const TimePoint kAt = from_unix_ms(1768467600123);

TEST(ErrorResponse, KeyOrderWithErrors) {
  Error error = Error::validation({{"email", "email must be an email"}, {"foo", "property foo should not exist"}});
  HttpResponse res = error_response(error, "POST", "/api/v1/participants?x=1", kAt, 11, true);
  EXPECT_EQ(res.result(), bhttp::status::bad_request);
  Json body = Json::parse(res.body());
  EXPECT_EQ(keys_of(body),
            (std::vector<std::string>{"status", "statusCode", "message", "errors", "timestamp", "path", "method"}));
  EXPECT_EQ(body.dump(),
            R"({"status":"error","statusCode":400,"message":"Validation failed","errors":[)"
            R"({"field":"email","message":"email must be an email"},)"
            R"({"field":"foo","message":"property foo should not exist"}],)"
            R"("timestamp":"2026-01-15T09:00:00.123Z","path":"/api/v1/participants?x=1","method":"POST"})");
}

TEST(ErrorResponse, NoErrorsKeyWhenThereAreNone) {
  HttpResponse res =
      error_response(Error::not_found("Session with ID x not found"), "GET", "/api/v1/sessions/x", kAt, 11, false);
  EXPECT_EQ(res.result(), bhttp::status::not_found);
  EXPECT_EQ(res.body(), R"({"status":"error","statusCode":404,"message":"Session with ID x not found",)"
                        R"("timestamp":"2026-01-15T09:00:00.123Z","path":"/api/v1/sessions/x","method":"GET"})");
  EXPECT_FALSE(res.keep_alive());
}

TEST(ErrorResponse, BusinessRuleKeepsItsMessageAndField) {
  HttpResponse res = error_response(Error::rule("sessionId", "Session is not open for check-ins"), "POST",
                                    "/api/v1/checkin", kAt, 11, true);
  EXPECT_EQ(res.result(), bhttp::status::bad_request);
  Json body = Json::parse(res.body());
  EXPECT_EQ(body["statusCode"], 400);
  EXPECT_EQ(body["message"], "Session is not open for check-ins");
  EXPECT_EQ(body["errors"].dump(), R"([{"field":"sessionId","message":"Session is not open for check-ins"}])");
}

TEST(ErrorResponse, StatusCodeFollowsTheKind) {
  const std::pair<ErrorKind, int> cases[] = {
      {ErrorKind::kValidation, 400}, {ErrorKind::kBadRequest, 400},      {ErrorKind::kNotFound, 404},
      {ErrorKind::kConflict, 409},   {ErrorKind::kPayloadTooLarge, 413}, {ErrorKind::kUnavailable, 503},
      {ErrorKind::kInternal, 500},
  };
  for (const auto& [kind, code] : cases) {
    HttpResponse res = error_response(Error{kind, "m", {}}, "GET", "/", kAt, 11, true);
    EXPECT_EQ(static_cast<int>(res.result()), code);
    EXPECT_EQ(Json::parse(res.body())["statusCode"], code);
  }
}

TEST(ErrorResponse, IsJsonAndSurvivesInvalidUtf8) {
  HttpResponse res = error_response(Error::not_found("Participant with ID qrCode: QR-\xff not found"), "GET",
                                    "/api/v1/participants/qr/QR-%FF", kAt, 11, true);
  EXPECT_EQ(res[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_TRUE(Json::accept(res.body())) << res.body();
}

TEST(ErrorFactories, ConflictWithAndWithoutField) {
  Error plain = Error::conflict("Duplicate entry");
  EXPECT_EQ(plain.kind, ErrorKind::kConflict);
  EXPECT_TRUE(plain.errors.empty());
  Error with_field = Error::conflict("taken", "email");
  ASSERT_EQ(with_field.errors.size(), 1u);
  EXPECT_EQ(with_field.errors[0].field, "email");
  EXPECT_EQ(with_field.errors[0].message, "taken");
}

// --- success --------------------------------------------------------------------------------

TEST(Success, KeyOrderWithMetaAndExtras) {
  HttpRequest req{bhttp::verb::get, "/api/v1/sessions?page=1&limit=2", 11};
  RequestContext ctx{req, "GET", "/api/v1/sessions?page=1&limit=2", "/api/v1/sessions"};
  ctx.received = kAt;
  HttpResponse res = success(ctx, bhttp::status::ok, "Sessions retrieved successfully", Json::array({1, 2}),
                             page_meta(1, 2, 3), Json{{"capacityInfo", {{"capacity", 5}}}, {"wasRegistered", false}});
  EXPECT_EQ(res.result(), bhttp::status::ok);
  Json body = Json::parse(res.body());
  EXPECT_EQ(keys_of(body), (std::vector<std::string>{"status", "message", "data", "meta", "capacityInfo",
                                                     "wasRegistered", "timestamp", "path"}));
  EXPECT_EQ(body["status"], "success");
  EXPECT_EQ(body["timestamp"], "2026-01-15T09:00:00.123Z");
  EXPECT_EQ(body["path"], "/api/v1/sessions?page=1&limit=2");
}

TEST(Success, WithoutMetaOrExtras) {
  HttpRequest req{bhttp::verb::post, "/api/v1/sessions", 11};
  RequestContext ctx{req, "POST", "/api/v1/sessions", "/api/v1/sessions"};
  ctx.received = kAt;
  HttpResponse res = success(ctx, bhttp::status::created, "Session created successfully", Json{{"_id", "x"}});
  EXPECT_EQ(res.result(), bhttp::status::created);
  EXPECT_EQ(res.body(), R"({"status":"success","message":"Session created successfully","data":{"_id":"x"},)"
                        R"("timestamp":"2026-01-15T09:00:00.123Z","path":"/api/v1/sessions"})");
}

// --- error_from_exception -------------------------------------------------------------------

class ErrorFromException : public ::testing::Test {
 protected:
  // The mapping logs every storage failure; keep the test output readable.
  void SetUp() override {
    level_ = spdlog::get_level();
    spdlog::set_level(spdlog::level::off);
  }
  void TearDown() override { spdlog::set_level(level_); }

  static Error from(StorageError::Kind kind) {
    return error_from_exception(std::make_exception_ptr(StorageError(kind, "detail that must not leak")));
  }

  spdlog::level::level_enum level_ = spdlog::level::info;
};

TEST_F(ErrorFromException, StorageKindsNameTheirCause) {
  EXPECT_EQ(from(StorageError::Kind::kConflict).kind, ErrorKind::kConflict);
  EXPECT_EQ(from(StorageError::Kind::kConflict).message, "Duplicate entry");
  EXPECT_EQ(from(StorageError::Kind::kDiskFull).kind, ErrorKind::kUnavailable);
  EXPECT_EQ(from(StorageError::Kind::kDiskFull).message,
            "Storage is full: the server's disk has no space left; nothing was saved");
  EXPECT_EQ(from(StorageError::Kind::kReadOnly).kind, ErrorKind::kUnavailable);
  EXPECT_EQ(from(StorageError::Kind::kBusy).kind, ErrorKind::kUnavailable);
  EXPECT_EQ(from(StorageError::Kind::kBusy).message, "Storage is busy; please retry");
  EXPECT_EQ(from(StorageError::Kind::kCorrupt).kind, ErrorKind::kInternal);
  EXPECT_EQ(from(StorageError::Kind::kCorrupt).message, "Storage error: the data file is damaged");
  EXPECT_EQ(from(StorageError::Kind::kOther).kind, ErrorKind::kInternal);
  EXPECT_EQ(from(StorageError::Kind::kOther).message, "Internal server error");
}

TEST_F(ErrorFromException, AnythingElseIsAnOpaque500) {
  Error e = error_from_exception(std::make_exception_ptr(std::runtime_error("secret internals")));
  EXPECT_EQ(e.kind, ErrorKind::kInternal);
  EXPECT_EQ(e.message, "Internal server error");
  Error odd = error_from_exception(std::make_exception_ptr(42));
  EXPECT_EQ(odd.kind, ErrorKind::kInternal);
  EXPECT_EQ(odd.message, "Internal server error");
}

}  // namespace
}  // namespace admit
