#pragma once

#include <functional>
#include <optional>

#include "api/api_context.hpp"
#include "domain/timing_settings.hpp"
#include "http/router.hpp"

namespace admit {

// Routes that exist only when asked for on the command line: the data reset for client
// developers' test suites (--dev-reset) and the clock and scheduler hooks of admit's own
// integration tests (--test-hooks).
class DevApi {
 public:
  using PinClock = std::function<void(std::optional<TimePoint>)>;

  DevApi(ApiContext& api, TimingSettings defaults, PinClock pin_clock)
      : api_(api), defaults_(defaults), pin_clock_(std::move(pin_clock)) {}
  void register_reset(Router& router);
  void register_test_hooks(Router& router);

 private:
  Task<HttpResponse> reset(RequestContext& ctx);
  Task<HttpResponse> set_clock(RequestContext& ctx);
  Task<HttpResponse> run_scheduler(RequestContext& ctx);
  // Every route of the router (method and pattern), for the OpenAPI coverage test.
  Task<HttpResponse> list_routes(RequestContext& ctx);

  ApiContext& api_;
  TimingSettings defaults_;
  PinClock pin_clock_;
  const Router* router_ = nullptr;
};

}  // namespace admit
