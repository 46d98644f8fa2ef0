#include "http/http_metrics.hpp"

#include <string>

#include "http/router.hpp"

namespace admit {
namespace {

// Request latencies from a cached read (~100 µs) to a large export (seconds).
const prometheus::Histogram::BucketBoundaries kDurationBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                                  0.1,    0.25,  0.5,    1,     2.5,  5,     10};

// Known methods by name; anything else is "other", so that a client cannot mint series.
std::string_view method_label(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
    case bhttp::verb::head:
    case bhttp::verb::post:
    case bhttp::verb::put:
    case bhttp::verb::patch:
    case bhttp::verb::delete_:
    case bhttp::verb::options:
      return bhttp::to_string(verb);
    default:
      return "other";
  }
}

}  // namespace

std::string_view route_label(const RequestContext& ctx) {
  if (ctx.route != nullptr) return ctx.route->pattern;
  // No API route: a CORS preflight, the web UI's files (the Swagger UI page included) or their
  // 404, else a miss. The path itself never becomes a label.
  if (ctx.request.method() == bhttp::verb::options) return "preflight";
  std::string_view path = ctx.path;
  if (path == "/api/docs" || path == "/api/docs/") return "static";
  bool api = path == "/api" || path.substr(0, 5) == "/api/" || path.substr(0, 11) == "/socket.io/";
  return api ? "unmatched" : "static";
}

std::size_t HttpMetrics::KeyHash::operator()(const Key& k) const noexcept {
  auto h = std::hash<const void*>()(k.route);
  return h ^ (static_cast<std::size_t>(k.method) << 20) ^ (static_cast<std::size_t>(k.status) * 0x9e3779b97f4a7c15ULL);
}

HttpMetrics::HttpMetrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("http_requests_total")
                    .Help("HTTP requests answered by the API pipeline, by method, route template and status.")
                    .Register(registry)),
      duration_(prometheus::BuildHistogram()
                    .Name("http_request_duration_seconds")
                    .Help("Time from a request's arrival in the pipeline to its complete response, in seconds, by "
                          "method and route template.")
                    .Register(registry)) {}

void HttpMetrics::on_response(const RequestContext& ctx, const HttpResponse& response,
                              std::chrono::steady_clock::duration elapsed) {
  auto route = route_label(ctx);
  auto verb = ctx.request.method();
  // The two fallback labels are string literals: their addresses are stable keys.
  Key key{ctx.route != nullptr ? static_cast<const void*>(ctx.route) : static_cast<const void*>(route.data()),
          static_cast<int>(verb), response.result_int()};
  Series series{};
  {
    std::lock_guard lock(mutex_);
    auto it = series_.find(key);
    if (it == series_.end()) {
      std::string method(method_label(verb));
      std::string route_text(route);
      auto* requests =
          &requests_.Add({{"method", method}, {"route", route_text}, {"status", std::to_string(key.status)}});
      auto* duration = &duration_.Add({{"method", method}, {"route", route_text}}, kDurationBuckets);
      it = series_.emplace(key, Series{requests, duration}).first;
    }
    series = it->second;
  }
  series.requests->Increment();
  series.duration->Observe(std::chrono::duration<double>(elapsed).count());
}

}  // namespace admit
