#pragma once

#include "api/metrics_api.hpp"
#include "net/transport_hook.hpp"

namespace admit {

// The scrape endpoint of the separate metrics listener (--metrics-address): GET/HEAD /metrics
// without authentication, for a Prometheus server on a private network. Every other request on
// that listener falls through to an empty router and gets the usual 404 envelope.
class MetricsListener : public TransportHook {
 public:
  explicit MetricsListener(MetricsApi& api) : api_(api) {}

  bool matches(std::string_view target) const override;
  // Small: only so that a stray POST gets its 405 rather than a 413.
  std::size_t body_limit() const override { return 4096; }
  Task<HttpResponse> handle(HttpRequest request) override;
  Task<void> take_websocket(beast::tcp_stream& stream, HttpRequest request) override;
  void stop() override {}

 private:
  MetricsApi& api_;
};

}  // namespace admit
