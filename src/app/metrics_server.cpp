#include "app/metrics_server.hpp"

namespace admit {

MetricsServer::MetricsServer(asio::io_context& io, MetricsApi& api, const Clock& clock, RandomSource& random,
                             const HostPort& address)
    : pipeline_(router_, clock, random),
      listener_(api),
      server_(io, pipeline_, HttpServerOptions{address.host, address.port}, {&listener_}) {}

}  // namespace admit
