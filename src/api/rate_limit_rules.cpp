#include "api/rate_limit_rules.hpp"

#include <string_view>

namespace admit {
namespace {

using std::chrono::seconds;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Not limited:
// - health: load balancers and orchestrators probe it every few seconds from one address, and a
//   429 there would take a healthy instance out of rotation (the reference throttles it, §11.17);
// - metrics: Prometheus scrapes it on a schedule, and a scrape that fails looks like an outage;
// - the test hooks (only with --test-hooks): machinery of the test suites, not of the product.
bool exempt(const Route& route) {
  return starts_with(route.pattern, "/api/v1/health") || route.pattern == "/api/v1/metrics" ||
         starts_with(route.pattern, "/api/v1/_test/");
}

// Bulk uploads parse files of up to 10 MiB each: a person uploads a handful, a script gone wrong
// thousands. 10 per 10 s and 30 per minute per client is plenty for the former.
RateLimitRule bulk_upload_rule() {
  return {false, {{"short", seconds(10), 10, seconds(10)}, {"long", seconds(60), 30, seconds(60)}}};
}

}  // namespace

void apply_rate_limit_rules(const Router& router, RateLimiter& limiter) {
  for (const auto& route : router.routes()) {
    if (exempt(route)) {
      limiter.set_rule(route.method, route.pattern, RateLimitRule{true, {}});
    } else if (route.method == bhttp::verb::post && starts_with(route.pattern, "/api/v1/bulk/upload/")) {
      limiter.set_rule(route.method, route.pattern, bulk_upload_rule());
    }
  }
}

}  // namespace admit
