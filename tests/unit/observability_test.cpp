#include <gtest/gtest.h>

#include <set>

#include "app/config.hpp"
#include "http/access_log.hpp"
#include "http/http_metrics.hpp"
#include "http/router.hpp"
#include "metrics/metrics_registry.hpp"
#include "metrics/process_collector.hpp"
#include "metrics/storage_metrics.hpp"

namespace admit {
namespace {

TEST(ProcessCollectorTest, ParsesStatm) {
  auto statm = parse_proc_statm("10240 2560 512 12 0 3000 0\n");
  ASSERT_TRUE(statm);
  EXPECT_EQ(statm->size_pages, 10240U);
  EXPECT_EQ(statm->resident_pages, 2560U);
  EXPECT_FALSE(parse_proc_statm(""));
  EXPECT_FALSE(parse_proc_statm("12 x"));
}

TEST(ProcessCollectorTest, FindsTheStartTimeAfterACommandNameWithSpacesAndParentheses) {
  // Field 22 is 987654; the command name "(a) (b" tries to confuse a naive split.
  std::string stat = "4242 ((a) (b) S 1 4242 4242 0 -1 4194560 1000 0 0 0 12 34 0 0 20 0 5 0 987654 1000000 500";
  EXPECT_EQ(parse_start_ticks(stat), 987654U);
  EXPECT_FALSE(parse_start_ticks("4242 (admit) S 1 2 3"));
  EXPECT_FALSE(parse_start_ticks("no parenthesis"));
}

TEST(ProcessCollectorTest, FindsTheBootTime) {
  EXPECT_EQ(parse_boot_time("cpu  1 2 3\nintr 5\nbtime 1700000000\nprocesses 9\n"), 1700000000U);
  EXPECT_FALSE(parse_boot_time("cpu 1 2 3\n"));
  EXPECT_FALSE(parse_boot_time("btime soon\n"));
}

TEST(ProcessCollectorTest, CollectsTheStandardFamilies) {
  ProcessCollector collector;
  std::set<std::string> names;
  for (const auto& f : collector.Collect())
    names.insert(f.name);
  for (const char* name : {"process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
                           "process_open_fds", "process_max_fds", "process_start_time_seconds"})
    EXPECT_TRUE(names.count(name)) << name;
}

TEST(ConfigTest, ParsesHostAndPort) {
  auto v4 = parse_host_port("127.0.0.1:9464");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 9464);
  auto v6 = parse_host_port("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad : {"", "9464", ":9464", "localhost:9464", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:9x"})
    EXPECT_FALSE(parse_host_port(bad)) << bad;
}

class ObservedRequest : public ::testing::Test {
 protected:
  ObservedRequest() {
    router_.add(bhttp::verb::get, "/api/v1/sessions/:id",
                [](RequestContext&) -> Task<HttpResponse> { co_return HttpResponse{}; });
    request_.method(bhttp::verb::get);
    request_.target("/api/v1/sessions/0123456789abcdef01234567?search=alice");
    ctx_.url = std::string(request_.target());
    ctx_.path = "/api/v1/sessions/0123456789abcdef01234567";
    ctx_.request_id = "id-\"1\"";
    ctx_.client = "127.0.0.1:5000";
    response_.result(bhttp::status::not_found);
    response_.body() = "12345";
  }

  Router router_;
  HttpRequest request_;
  RequestContext ctx_{request_};
  HttpResponse response_;
};

TEST_F(ObservedRequest, AccessLogFieldsAreJsonWithTheTemplateOnly) {
  ctx_.route = &router_.routes().front();
  auto line = AccessLog::fields(ctx_, response_, std::chrono::microseconds(1500), false);
  auto j = Json::parse(line);
  EXPECT_EQ(j.at("msg"), "request");
  EXPECT_EQ(j.at("request_id"), "id-\"1\"");
  EXPECT_EQ(j.at("method"), "GET");
  EXPECT_EQ(j.at("route"), "/api/v1/sessions/:id");
  EXPECT_EQ(j.at("status"), 404);
  EXPECT_DOUBLE_EQ(j.at("duration_ms").get<double>(), 1.5);
  EXPECT_EQ(j.at("bytes"), 5);
  EXPECT_EQ(j.at("client"), "127.0.0.1:5000");
  EXPECT_FALSE(j.contains("target"));
  EXPECT_EQ(line.find("alice"), std::string::npos);
  EXPECT_EQ(line.find("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(Json::parse(AccessLog::fields(ctx_, response_, {}, true)).at("target"), ctx_.url);
}

TEST_F(ObservedRequest, UnmatchedRequestsShareOneLabel) {
  EXPECT_EQ(route_label(ctx_), "unmatched");
  ctx_.path = "/assets/app.js";
  EXPECT_EQ(route_label(ctx_), "static");
  ctx_.path = "/api/docs";
  EXPECT_EQ(route_label(ctx_), "static");
  request_.method(bhttp::verb::options);
  ctx_.path = "/api/v1/sessions";
  EXPECT_EQ(route_label(ctx_), "preflight");
}

TEST_F(ObservedRequest, HttpMetricsCountByMethodRouteAndStatus) {
  MetricsRegistry registry;
  HttpMetrics metrics(registry.registry());
  ctx_.route = &router_.routes().front();
  metrics.on_response(ctx_, response_, std::chrono::milliseconds(3));
  metrics.on_response(ctx_, response_, std::chrono::milliseconds(30));
  response_.result(bhttp::status::ok);
  metrics.on_response(ctx_, response_, std::chrono::milliseconds(3));
  request_.method_string("BREW");  // an extension method: verb::unknown
  metrics.on_response(ctx_, response_, std::chrono::milliseconds(3));
  auto text = registry.exposition();
  EXPECT_NE(text.find(R"(http_requests_total{method="GET",route="/api/v1/sessions/:id",status="404"} 2)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(http_requests_total{method="GET",route="/api/v1/sessions/:id",status="200"} 1)"),
            std::string::npos);
  // A made-up method cannot mint series.
  EXPECT_NE(text.find(R"(http_requests_total{method="other",route="/api/v1/sessions/:id",status="200"} 1)"),
            std::string::npos);
  EXPECT_NE(
      text.find(R"(http_request_duration_seconds_bucket{method="GET",route="/api/v1/sessions/:id",le="0.005"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(http_request_duration_seconds_count{method="GET",route="/api/v1/sessions/:id"} 3)"),
            std::string::npos);
}

TEST(StorageMetricsTest, BatchesCommitsAndFailures) {
  MetricsRegistry registry;
  StorageMetrics metrics(registry.registry());
  metrics.batch_finished(3, std::chrono::milliseconds(4), std::chrono::milliseconds(2), true);
  metrics.batch_finished(40, std::chrono::milliseconds(9), std::chrono::milliseconds(5), true);
  metrics.batch_finished(2, std::chrono::milliseconds(1), {}, false);
  auto text = registry.exposition();
  EXPECT_NE(text.find("admit_db_write_batch_size_count 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("admit_db_write_batch_size_sum 43\n"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(admit_db_write_batch_size_bucket{le="4"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find("admit_db_commit_seconds_count 2\n"), std::string::npos);
  EXPECT_NE(text.find("admit_db_transaction_seconds_count 3\n"), std::string::npos);
  EXPECT_NE(text.find(R"(admit_db_write_batches_total{outcome="failed"} 1)"), std::string::npos);
}

}  // namespace
}  // namespace admit
