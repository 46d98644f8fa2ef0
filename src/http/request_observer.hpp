#pragma once

#include <chrono>

#include "http/asio.hpp"
#include "http/request_context.hpp"

namespace admit {

// Sees every answered request once its response is final (headers included): metrics and the
// access log. Called on the connection's I/O thread, so implementations must not block.
class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  virtual void on_response(const RequestContext& ctx, const HttpResponse& response,
                           std::chrono::steady_clock::duration elapsed) = 0;
};

// The route template a request is reported under: the matched pattern ("/api/v1/sessions/:id"),
// never the raw path, whose ids would make every request a series (and can hold personal data);
// without a route: "preflight" (OPTIONS), "static" (the web UI) or "unmatched".
std::string_view route_label(const RequestContext& ctx);

}  // namespace admit
