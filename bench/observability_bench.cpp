// The per-request cost of the observers on the hot path (HttpMetrics and the access log line),
// without sockets: what the pipeline adds to each answered request.
#include <benchmark/benchmark.h>

#include "app/json_log_formatter.hpp"
#include "http/access_log.hpp"
#include "http/http_metrics.hpp"
#include "http/router.hpp"
#include "metrics/metrics_registry.hpp"

namespace {

using namespace admit;

struct Fixture {
  Fixture() {
    router.add(bhttp::verb::post, "/api/v1/checkin/verify-qr",
               [](RequestContext&) -> Task<HttpResponse> { co_return HttpResponse{}; });
    request.method(bhttp::verb::post);
    request.target("/api/v1/checkin/verify-qr");
    ctx.path = "/api/v1/checkin/verify-qr";
    ctx.request_id = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    ctx.client = "127.0.0.1";
    ctx.route = &router.routes().front();
    response.result(bhttp::status::ok);
    response.body() = std::string(600, 'x');
  }
  Router router;
  HttpRequest request;
  RequestContext ctx{request};
  HttpResponse response;
};

void BM_HttpMetricsObserve(benchmark::State& state) {
  static Fixture f;
  static MetricsRegistry registry;
  static HttpMetrics metrics(registry.registry());
  for (auto _ : state)
    metrics.on_response(f.ctx, f.response, std::chrono::microseconds(250));
}
BENCHMARK(BM_HttpMetricsObserve)->Threads(1)->Threads(2);

void BM_AccessLogFields(benchmark::State& state) {
  Fixture f;
  for (auto _ : state)
    benchmark::DoNotOptimize(AccessLog::fields(f.ctx, f.response, std::chrono::microseconds(250), false));
}
BENCHMARK(BM_AccessLogFields);

// The whole line: the fields, then the JSON formatter that the "access" logger's sink runs (the
// write to stderr itself is one write(2) per line on top).
void BM_AccessLogLine(benchmark::State& state) {
  Fixture f;
  JsonLogFormatter formatter;
  spdlog::memory_buf_t out;
  for (auto _ : state) {
    auto fields = AccessLog::fields(f.ctx, f.response, std::chrono::microseconds(250), false);
    spdlog::details::log_msg msg("access", spdlog::level::info, spdlog::string_view_t(fields.data(), fields.size()));
    out.clear();
    formatter.format(msg, out);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_AccessLogLine);

void BM_Scrape(benchmark::State& state) {
  Fixture f;
  MetricsRegistry registry;
  HttpMetrics metrics(registry.registry());
  metrics.on_response(f.ctx, f.response, std::chrono::microseconds(250));
  for (auto _ : state)
    benchmark::DoNotOptimize(registry.exposition());
}
BENCHMARK(BM_Scrape);

}  // namespace

BENCHMARK_MAIN();
