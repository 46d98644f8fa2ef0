#pragma once

#include <boost/asio/io_context.hpp>

#include "app/config.hpp"
#include "app/metrics_listener.hpp"
#include "http/http_pipeline.hpp"
#include "net/http_server.hpp"

namespace admit {

// The optional second listener (--metrics-address): only GET /metrics, no authentication, so
// that a Prometheus server on a private network can scrape without an account. Same I/O threads
// as the API; nothing else is reachable through it.
class MetricsServer {
 public:
  MetricsServer(asio::io_context& io, MetricsApi& api, const Clock& clock, RandomSource& random,
                const HostPort& address);

  std::uint16_t start() { return server_.start(); }
  void stop() { server_.stop(); }

 private:
  Router router_;  // empty: everything but /metrics is a 404
  HttpPipeline pipeline_;
  MetricsListener listener_;
  HttpServer server_;
};

}  // namespace admit
