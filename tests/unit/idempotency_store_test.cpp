#include "http/idempotency_store.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/db_call.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

HttpRequest write_request(const std::string& key, const std::string& body, const std::string& target = "/api/v1/things",
                          bhttp::verb method = bhttp::verb::post) {
  HttpRequest req{method, target, 11};
  if (!key.empty()) req.set(IdempotencyStore::kHeader, key);
  req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  return req;
}

class IdempotencyStoreTest : public ::testing::Test {
 protected:
  IdempotencyStoreTest() {
    SqliteOptions options;
    options.file = dir_.file("admit.db");
    db_ = std::make_unique<SqliteDatabase>(options);
    store_ = std::make_unique<IdempotencyStore>(*db_, clock_, options_);
  }
  ~IdempotencyStoreTest() override { db_->shutdown(); }

  // A handler with an effect (a counter) that answers 201 with the count, a Location and an
  // Authorization-like header that must not be replayed.
  Handler counting_handler(int status = 201) {
    return [this, status](RequestContext&) -> Task<HttpResponse> {
      int n = ++effects_;
      HttpResponse res{static_cast<bhttp::status>(status), 11};
      res.set(bhttp::field::content_type, "application/json; charset=utf-8");
      res.set(bhttp::field::location, "/api/v1/things/" + std::to_string(n));
      res.set("X-Per-Answer", "not replayed");
      res.body() = "{\"n\":" + std::to_string(n) + "}";
      co_return res;
    };
  }

  // The storage threads post completions into this context, so it outlives them (it is destroyed
  // after the destructor's shutdown); a context per call could be destroyed while a storage thread
  // is still inside post() (ThreadSanitizer reports that).
  asio::io_context& fresh_io() {
    io_.restart();
    return io_;
  }

  // Starts `req` through the store on io_; `out` holds the answer once io_ has run.
  void spawn(const HttpRequest& req, const Handler& handler, HttpResponse& out, Principal principal = {}) {
    asio::co_spawn(
        io_,
        [this, &req, &handler, &out, principal]() -> Task<void> {
          RequestContext ctx{req};
          ctx.method = std::string(req.method_string());
          ctx.url = std::string(req.target());
          ctx.path = ctx.url;
          ctx.received = clock_.now();
          ctx.principal = principal;
          out = co_await store_->run(ctx, handler);
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }

  HttpResponse run(const HttpRequest& req, const Handler& handler, Principal principal = {}) {
    asio::io_context& io = fresh_io();
    HttpResponse out;
    spawn(req, handler, out, std::move(principal));
    io.run();
    return out;
  }

  int stored_rows() {
    asio::io_context& io = fresh_io();
    int rows = 0;
    asio::co_spawn(
        io,
        [&]() -> Task<void> {
          rows = co_await db_read(*db_,
                                  [](UnitOfWork& uow) { return uow.idempotency().find("anonymous", "k-1") ? 1 : 0; });
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io.run();
    return rows;
  }

  asio::io_context io_;
  TempDir dir_;
  FakeClock clock_;
  IdempotencyOptions options_;
  std::unique_ptr<SqliteDatabase> db_;
  std::unique_ptr<IdempotencyStore> store_;
  int effects_ = 0;
};

TEST_F(IdempotencyStoreTest, ARetryReplaysTheFirstAnswerWithoutASecondEffect) {
  auto handler = counting_handler();
  auto first = run(write_request("k-1", R"({"a":1})"), handler);
  EXPECT_EQ(first.result_int(), 201);
  EXPECT_EQ(first.find("Idempotent-Replayed"), first.end());
  auto retry = run(write_request("k-1", R"({"a":1})"), handler);
  EXPECT_EQ(effects_, 1);
  EXPECT_EQ(retry.result_int(), 201);
  EXPECT_EQ(retry.body(), first.body());
  EXPECT_EQ(retry["Idempotent-Replayed"], "true");
  EXPECT_EQ(retry[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(retry[bhttp::field::location], "/api/v1/things/1");
  EXPECT_EQ(retry.find("X-Per-Answer"), retry.end());
}

TEST_F(IdempotencyStoreTest, TheSameKeyForAnotherRequestIs422) {
  auto handler = counting_handler();
  run(write_request("k-1", R"({"a":1})"), handler);
  for (const auto& other : {write_request("k-1", R"({"a":2})"), write_request("k-1", R"({"a":1})", "/api/v1/other"),
                            write_request("k-1", R"({"a":1})", "/api/v1/things", bhttp::verb::put),
                            write_request("k-1", R"({"a":1})", "/api/v1/things?x=1")}) {
    auto res = run(other, handler);
    EXPECT_EQ(res.result_int(), 422) << other.target();
    EXPECT_NE(res.body().find("was already used for a different request"), std::string::npos) << res.body();
  }
  EXPECT_EQ(effects_, 1);
}

TEST_F(IdempotencyStoreTest, KeysAreScopedToTheirOwner) {
  auto handler = counting_handler();
  Principal alice;
  alice.method = AuthMethod::kBearer;
  alice.user_id = "alice";
  Principal bob = alice;
  bob.user_id = "bob";
  run(write_request("k-1", "{}"), handler, alice);
  auto other = run(write_request("k-1", "{}"), handler, bob);
  EXPECT_EQ(effects_, 2);
  EXPECT_EQ(other.find("Idempotent-Replayed"), other.end());
  EXPECT_EQ(run(write_request("k-1", "{}"), handler, alice)["Idempotent-Replayed"], "true");
  EXPECT_EQ(effects_, 2);
}

TEST_F(IdempotencyStoreTest, ClientErrorsAreKeptServerErrorsAreNot) {
  auto bad = counting_handler(400);
  run(write_request("k-400", "{}"), bad);
  EXPECT_EQ(run(write_request("k-400", "{}"), bad).result_int(), 400);
  EXPECT_EQ(effects_, 1);

  auto failing = counting_handler(503);
  run(write_request("k-503", "{}"), failing);
  auto again = run(write_request("k-503", "{}"), failing);
  EXPECT_EQ(effects_, 3);
  EXPECT_EQ(again.find("Idempotent-Replayed"), again.end());
}

TEST_F(IdempotencyStoreTest, KeysExpireAfter24Hours) {
  auto handler = counting_handler();
  run(write_request("k-1", "{}"), handler);
  clock_.advance(std::chrono::hours(24) - std::chrono::milliseconds(1));
  EXPECT_EQ(run(write_request("k-1", "{}"), handler)["Idempotent-Replayed"], "true");
  EXPECT_EQ(effects_, 1);
  clock_.advance(std::chrono::milliseconds(1));
  auto fresh = run(write_request("k-1", R"({"another":"body"})"), handler);
  EXPECT_EQ(fresh.result_int(), 201);
  EXPECT_EQ(effects_, 2);
  // The new outcome replaced the expired one.
  EXPECT_EQ(run(write_request("k-1", R"({"another":"body"})"), handler)["Idempotent-Replayed"], "true");
  EXPECT_EQ(effects_, 2);
}

TEST_F(IdempotencyStoreTest, OldKeysArePurged) {
  auto handler = counting_handler();
  run(write_request("k-1", "{}"), handler);
  EXPECT_EQ(stored_rows(), 1);
  clock_.advance(std::chrono::hours(25));
  run(write_request("k-2", "{}"), handler);
  EXPECT_EQ(stored_rows(), 0);
}

TEST_F(IdempotencyStoreTest, MalformedKeysAre400) {
  auto handler = counting_handler();
  for (const std::string& key :
       {std::string("has space"), std::string(256, 'k'), std::string("tab\there"), std::string("caf\xc3\xa9")}) {
    auto res = run(write_request(key, "{}"), handler);
    EXPECT_EQ(res.result_int(), 400) << key;
    EXPECT_NE(res.body().find("Idempotency-Key must be 1 to 255 printable ASCII characters"), std::string::npos);
  }
  auto twice = write_request("k-1", "{}");
  twice.insert(IdempotencyStore::kHeader, "k-2");
  EXPECT_EQ(run(twice, handler).result_int(), 400);
  auto empty = write_request("", "{}");
  empty.set(IdempotencyStore::kHeader, "");
  EXPECT_EQ(run(empty, handler).result_int(), 400);
  EXPECT_EQ(effects_, 0);
  EXPECT_EQ(run(write_request(std::string(255, 'k'), "{}"), handler).result_int(), 201);
}

TEST_F(IdempotencyStoreTest, OnlyWriteMethodsWithTheHeaderAskForIt) {
  EXPECT_TRUE(IdempotencyStore::wanted(write_request("k", "{}")));
  EXPECT_TRUE(IdempotencyStore::wanted(write_request("k", "{}", "/x", bhttp::verb::delete_)));
  EXPECT_TRUE(IdempotencyStore::wanted(write_request("k", "{}", "/x", bhttp::verb::patch)));
  EXPECT_FALSE(IdempotencyStore::wanted(write_request("", "{}")));
  EXPECT_FALSE(IdempotencyStore::wanted(write_request("k", "", "/x", bhttp::verb::get)));
}

// Requests with one key that overlap: the later ones wait for the first and replay it.
TEST_F(IdempotencyStoreTest, SimultaneousRequestsWithOneKeyHaveOneEffect) {
  asio::io_context& io = fresh_io();
  int started = 0;
  Handler slow = [&](RequestContext&) -> Task<HttpResponse> {
    ++started;
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
    co_await timer.async_wait(asio::use_awaitable);
    int n = ++effects_;
    HttpResponse res{bhttp::status::created, 11};
    res.body() = std::to_string(n);
    co_return res;
  };
  auto req = write_request("k-1", "{}");
  std::vector<HttpResponse> answers(4);
  for (auto& answer : answers)
    spawn(req, slow, answer);
  io.run();
  EXPECT_EQ(started, 1);
  EXPECT_EQ(effects_, 1);
  int replayed = 0;
  for (const auto& a : answers) {
    EXPECT_EQ(a.result_int(), 201);
    EXPECT_EQ(a.body(), "1");
    if (a["Idempotent-Replayed"] == "true") ++replayed;
  }
  EXPECT_EQ(replayed, 3);
  EXPECT_EQ(store_->in_flight(), 0u);
}

TEST_F(IdempotencyStoreTest, AWaiterGivesUpWith409) {
  options_.wait = std::chrono::milliseconds(20);
  store_ = std::make_unique<IdempotencyStore>(*db_, clock_, options_);
  asio::io_context& io = fresh_io();
  Handler slow = [&](RequestContext&) -> Task<HttpResponse> {
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(500));
    co_await timer.async_wait(asio::use_awaitable);
    ++effects_;
    co_return HttpResponse{bhttp::status::created, 11};
  };
  auto req = write_request("k-1", "{}");
  std::vector<HttpResponse> answers(2);
  for (auto& answer : answers)
    spawn(req, slow, answer);
  io.run();
  EXPECT_EQ(effects_, 1);
  EXPECT_EQ(answers[0].result_int(), 201);
  EXPECT_EQ(answers[1].result_int(), 409);
  EXPECT_NE(answers[1].body().find("still in progress"), std::string::npos);
}

TEST(IdempotencyFingerprint, CoversMethodTargetAndBody) {
  auto base = IdempotencyStore::fingerprint(write_request("k", "ab"));
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(base, IdempotencyStore::fingerprint(write_request("other-key", "ab")));
  EXPECT_NE(base, IdempotencyStore::fingerprint(write_request("k", "abc")));
  EXPECT_NE(base, IdempotencyStore::fingerprint(write_request("k", "ab", "/api/v1/things/")));
  EXPECT_NE(base, IdempotencyStore::fingerprint(write_request("k", "ab", "/api/v1/things", bhttp::verb::put)));
}

TEST(IdempotencyScope, IsTheUserWhenThereIsOne) {
  Principal p;
  EXPECT_EQ(IdempotencyStore::scope_of(p), "anonymous");
  p.method = AuthMethod::kAdminToken;
  EXPECT_EQ(IdempotencyStore::scope_of(p), "admin-token");
  p.method = AuthMethod::kBearer;
  p.user_id = "u1";
  EXPECT_EQ(IdempotencyStore::scope_of(p), "user:u1");
}

}  // namespace
}  // namespace admit
