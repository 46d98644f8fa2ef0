#pragma once

#include <string>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/random_source.hpp"
#include "http/asio.hpp"
#include "http/request_guards.hpp"
#include "http/request_observer.hpp"
#include "http/router.hpp"
#include "http/static_site.hpp"

namespace admit {

class Authenticator;

// Everything between a parsed HTTP request and its response, without sockets: request id, URL
// and body parsing, routing, the handler, error mapping and response headers. The net layer feeds
// it requests; tests and fuzzers can too.
class HttpPipeline {
 public:
  HttpPipeline(const Router& router, const Clock& clock, RandomSource& random)
      : router_(router), clock_(clock), random_(random) {}

  // The web UI answers GET/HEAD requests that no API route matched (null: none, as in tests).
  void set_static_site(const StaticSite* site) { site_ = site; }

  // Metrics and the access log see every response, refusals included (not owned; add before serving).
  void add_observer(RequestObserver* observer) { observers_.push_back(observer); }

  // Access control (null: everyone is an anonymous admin, as with --auth off).
  void set_authenticator(const Authenticator* authenticator) { authenticator_ = authenticator; }

  // Client address, rate limit, Idempotency-Key, CORS and security headers (before serving).
  void set_guards(RequestGuards guards) { guards_ = guards; }

  std::size_t body_limit(bhttp::verb method, std::string_view target) const;
  Task<HttpResponse> handle(const HttpRequest& request, std::string client);
  // The response for a request the net layer refused before it was complete.
  HttpResponse refusal(ErrorKind kind, std::string message, const HttpRequest& request);

 private:
  std::string request_id(const HttpRequest& request);
  void finish(HttpResponse& response, const std::string& request_id) const;
  // 401/403 when the caller may not use the route; sets ctx.principal.
  Principal identify(const HttpRequest& request) const;
  std::optional<Error> access_check(const HttpRequest& request, const Route& route, const RequestContext& ctx) const;
  // Step 4: counts the request against its route's limits; the 429 when over one. `headers`
  // receives the rate-limit headers, which go on whatever the answer turns out to be.
  std::optional<HttpResponse> rate_limit(const Route& route, const RequestContext& ctx,
                                         std::vector<std::pair<std::string, std::string>>& headers) const;
  void observe(const RequestContext& ctx, const HttpResponse& response,
               std::chrono::steady_clock::time_point started) const;

  const Router& router_;
  const Clock& clock_;
  RandomSource& random_;
  const StaticSite* site_ = nullptr;
  const Authenticator* authenticator_ = nullptr;
  std::vector<RequestObserver*> observers_;
  RequestGuards guards_;
};

}  // namespace admit
