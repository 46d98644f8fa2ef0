#include "api/metrics_api.hpp"

#include <spdlog/spdlog.h>

#include "http/db_call.hpp"

namespace admit {
namespace {

// Only open sessions are exported, so the number of series stays that of the rooms in use; the
// cap guards against a store where thousands were opened by mistake.
constexpr int kMaxSessions = 500;

std::vector<prometheus::MetricFamily> session_families(const std::vector<Session>& sessions, std::int64_t open) {
  auto count = gauge_family("admit_sessions_open", "Sessions currently open for check-in.");
  add_sample(count, static_cast<double>(open));
  auto checked_in = gauge_family("admit_session_checked_in", "Check-ins of each open session.");
  auto capacity = gauge_family("admit_session_capacity",
                               "Capacity of each open session that has one (enforced: whether entries beyond it "
                               "are refused).");
  auto remaining =
      gauge_family("admit_session_capacity_remaining", "Places left in each open session with an enforced capacity.");
  for (const auto& s : sessions) {
    std::vector<prometheus::ClientMetric::Label> labels = {{"session_id", s.id}, {"session", s.name}};
    add_sample(checked_in, s.check_ins_count, labels);
    if (s.capacity > 0) {
      auto with_enforced = labels;
      with_enforced.push_back({"enforced", s.capacity_enforced ? "true" : "false"});
      add_sample(capacity, s.capacity, with_enforced);
    }
    if (s.has_enforced_limit()) add_sample(remaining, std::max(0, s.capacity - s.check_ins_count), labels);
  }
  return {std::move(count), std::move(checked_in), std::move(capacity), std::move(remaining)};
}

}  // namespace

void MetricsApi::register_routes(Router& router) {
  router.add(bhttp::verb::get, "/api/v1/metrics", bind_handler(this, &MetricsApi::metrics));
}

Task<std::string> MetricsApi::scrape() {
  std::vector<prometheus::MetricFamily> extra;
  try {
    auto page = co_await db_read(api_.db, [](UnitOfWork& uow) {
      SessionFilter filter;
      filter.is_open = true;
      PageRequest request;
      request.limit = kMaxSessions;
      request.sort_by = "startTime";
      request.descending = false;
      return uow.sessions().list(filter, request);
    });
    extra = session_families(page.items, page.total);
  } catch (const std::exception& e) {
    // The process metrics are still worth serving when the store cannot be read.
    spdlog::warn("metrics: cannot read the open sessions: {}", e.what());
  }
  co_return metrics_.exposition(std::move(extra));
}

HttpResponse MetricsApi::exposition_response(const HttpRequest& request, std::string body) {
  HttpResponse response{bhttp::status::ok, request.version()};
  response.set(bhttp::field::content_type, MetricsRegistry::kContentType);
  response.set(bhttp::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  // For HEAD the server sends the headers of this answer without its body.
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Task<HttpResponse> MetricsApi::metrics(RequestContext& ctx) {
  auto body = co_await scrape();
  co_return exposition_response(ctx.request, std::move(body));
}

}  // namespace admit
