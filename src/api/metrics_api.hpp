#pragma once

#include <string>

#include "api/api_context.hpp"
#include "http/router.hpp"
#include "metrics/metrics_registry.hpp"

namespace admit {

// GET /api/v1/metrics: the Prometheus text exposition (viewer role on the API port; the optional
// --metrics-address listener serves the same scrape at /metrics without authentication).
class MetricsApi {
 public:
  MetricsApi(ApiContext& api, MetricsRegistry& metrics) : api_(api), metrics_(metrics) {}
  void register_routes(Router& router);

  // Everything in the registry plus the open sessions' gauges, read from the store now.
  Task<std::string> scrape();
  // The HTTP answer to a scrape (text/plain; version=0.0.4), for either listener.
  static HttpResponse exposition_response(const HttpRequest& request, std::string body);

 private:
  Task<HttpResponse> metrics(RequestContext& ctx);

  ApiContext& api_;
  MetricsRegistry& metrics_;
};

}  // namespace admit
