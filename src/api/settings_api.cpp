#include "api/settings_api.hpp"

#include "api/schema_catalog.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

const Schema kTimingSchema = {
    {.name = "autoOpenMinutesBefore", .kind = FieldKind::kInt, .min = 0, .max = 1440},
    {.name = "autoEndEnabled", .kind = FieldKind::kBool},
    {.name = "autoEndGraceMinutes", .kind = FieldKind::kInt, .min = 0, .max = 1440},
    {.name = "lateThresholdMinutes", .kind = FieldKind::kInt, .min = 0, .max = 1440},
};

Json timing_json(const TimingSettings& t) {
  return {{"autoOpenMinutesBefore", t.auto_open_minutes_before},
          {"autoEndEnabled", t.auto_end_enabled},
          {"autoEndGraceMinutes", t.auto_end_grace_minutes},
          {"lateThresholdMinutes", t.late_threshold_minutes},
          {"schedulerIntervalMs", t.scheduler_interval_ms}};
}

TimingSettings load(UnitOfWork& uow) { return uow.settings().load_timing().value_or(TimingSettings{}); }

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::put, "/api/v1/settings/timing", SchemaUse::Part::kBody, &kTimingSchema},
};

}  // namespace

void SettingsApi::register_routes(Router& router) {
  router.add(bhttp::verb::get, "/api/v1/settings", bind_handler(this, &SettingsApi::get_all));
  router.add(bhttp::verb::get, "/api/v1/settings/timing", bind_handler(this, &SettingsApi::get_timing));
  router.add(bhttp::verb::put, "/api/v1/settings/timing", bind_handler(this, &SettingsApi::put_timing));
}

Task<HttpResponse> SettingsApi::get_all(RequestContext& ctx) {
  auto timing = co_await db_read(api_.db, load);
  Json data = {{"timing", timing_json(timing)}, {"version", ADMIT_VERSION}, {"environment", "production"}};
  co_return success(ctx, bhttp::status::ok, "Success", std::move(data));
}

Task<HttpResponse> SettingsApi::get_timing(RequestContext& ctx) {
  auto timing = co_await db_read(api_.db, load);
  co_return success(ctx, bhttp::status::ok, "Success", timing_json(timing));
}

Task<HttpResponse> SettingsApi::put_timing(RequestContext& ctx) {
  auto body = validate(ctx.body, kTimingSchema);
  if (!body) co_return error_response(body.error(), ctx);
  const Json& v = *body;
  auto timing = co_await db_write(api_.db, [&](UnitOfWork& uow) {
    TimingSettings t = load(uow);
    t.auto_open_minutes_before = get_int(v, "autoOpenMinutesBefore").value_or(t.auto_open_minutes_before);
    t.auto_end_enabled = get_bool(v, "autoEndEnabled").value_or(t.auto_end_enabled);
    t.auto_end_grace_minutes = get_int(v, "autoEndGraceMinutes").value_or(t.auto_end_grace_minutes);
    t.late_threshold_minutes = get_int(v, "lateThresholdMinutes").value_or(t.late_threshold_minutes);
    uow.settings().save_timing(t);
    return t;
  });
  co_return success(ctx, bhttp::status::ok, "Success", timing_json(timing));
}

}  // namespace admit
