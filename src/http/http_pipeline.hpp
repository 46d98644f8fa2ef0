#pragma once

#include <string>

#include "domain/clock.hpp"
#include "domain/error.hpp"
#include "domain/random_source.hpp"
#include "http/asio.hpp"
#include "http/router.hpp"

namespace admit {

// Everything between a parsed HTTP request and its response, without sockets: request id, URL
// and body parsing, routing, the handler, error mapping and response headers. The net layer feeds
// it requests; tests and fuzzers can too.
class HttpPipeline {
 public:
  HttpPipeline(const Router& router, const Clock& clock, RandomSource& random)
      : router_(router), clock_(clock), random_(random) {}

  std::size_t body_limit(bhttp::verb method, std::string_view target) const;
  Task<HttpResponse> handle(const HttpRequest& request, std::string client);
  // The response for a request the net layer refused before it was complete.
  HttpResponse refusal(ErrorKind kind, std::string message, const HttpRequest& request);

 private:
  std::string request_id(const HttpRequest& request);
  void finish(HttpResponse& response, const std::string& request_id) const;

  const Router& router_;
  const Clock& clock_;
  RandomSource& random_;
};

}  // namespace admit
