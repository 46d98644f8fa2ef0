#include "api/dev_api.hpp"

#include "domain/scheduler_service.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {

void DevApi::register_reset(Router& router) {
  router.add(bhttp::verb::post, "/api/v1/_dev/reset", [this](RequestContext& ctx) { return reset(ctx); });
}

void DevApi::register_test_hooks(Router& router) {
  router.add(bhttp::verb::post, "/api/v1/_test/clock", [this](RequestContext& ctx) { return set_clock(ctx); });
  router.add(bhttp::verb::post, "/api/v1/_test/scheduler/run",
             [this](RequestContext& ctx) { return run_scheduler(ctx); });
  router.add(bhttp::verb::get, "/api/v1/_test/routes", [this](RequestContext& ctx) { return list_routes(ctx); });
  router_ = &router;
}

Task<HttpResponse> DevApi::list_routes(RequestContext& ctx) {
  Json routes = Json::array();
  for (const auto& route : router_->routes())
    routes.push_back({{"method", std::string(bhttp::to_string(route.method))}, {"pattern", route.pattern}});
  co_return success(ctx, bhttp::status::ok, "Routes", std::move(routes));
}

Task<HttpResponse> DevApi::reset(RequestContext& ctx) {
  co_await db_write(api_.db, [this](UnitOfWork& uow) {
    uow.wipe_all();
    uow.settings().save_timing(defaults_);
    return true;
  });
  co_return success(ctx, bhttp::status::ok, "All data deleted", Json::object());
}

Task<HttpResponse> DevApi::set_clock(RequestContext& ctx) {
  static const Schema kSchema = {{.name = "now", .kind = FieldKind::kDate}};
  auto body = validate(ctx.body, kSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto now = get_time(*body, "now");
  pin_clock_(now);
  co_return success(ctx, bhttp::status::ok, now ? "Clock pinned" : "Clock released",
                    Json{{"now", format_iso8601(api_.clock.now())}});
}

Task<HttpResponse> DevApi::run_scheduler(RequestContext& ctx) {
  auto now = api_.clock.now();
  auto outcome = co_await db_write(api_.db, [now](UnitOfWork& uow) { return admit::run_scheduler(uow, now); });
  co_return success(ctx, bhttp::status::ok, "Scheduler ran",
                    Json{{"opened", outcome.opened}, {"ended", outcome.ended}});
}

}  // namespace admit
