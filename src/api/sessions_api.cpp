#include "api/sessions_api.hpp"

#include "api/list_query.hpp"
#include "api/path_id.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "api/views.hpp"
#include "domain/text.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

Schema session_schema(bool create) {
  return {
      {.name = "name", .required = create, .not_empty = true, .max_length = 200},
      {.name = "description", .max_length = 1000},
      {.name = "startTime", .kind = FieldKind::kDate, .required = create},
      {.name = "endTime", .kind = FieldKind::kDate, .required = create},
      {.name = "location", .max_length = 200},
      {.name = "isOpen", .kind = FieldKind::kBool},
      {.name = "capacity", .kind = FieldKind::kInt, .min = 0, .max = 1000000},
      {.name = "capacityEnforced", .kind = FieldKind::kBool},
      {.name = "requiresRegistration", .kind = FieldKind::kBool},
      {.name = "day", .kind = FieldKind::kInt, .min = 1, .max = 366},
      {.name = "autoOpenMinutesBefore", .kind = FieldKind::kInt, .min = 0, .max = 1440},
      {.name = "autoEndGraceMinutes", .kind = FieldKind::kInt, .min = 0, .max = 1440},
      {.name = "lateThresholdMinutes", .kind = FieldKind::kInt, .min = 0, .max = 1440},
  };
}

const Schema kCreateSchema = session_schema(true);
const Schema kUpdateSchema = session_schema(false);
const Schema kBulkSchema = {
    {.name = "sessions",
     .kind = FieldKind::kObjectArray,
     .required = true,
     .not_empty = true,
     .items = &kCreateSchema,
     .empty_message = "At least one session is required"},
};

const Schema kListSchema = paged_schema(
    {
        {.name = "isOpen", .kind = FieldKind::kBool},
        {.name = "status", .kind = FieldKind::kEnum, .choices = {"scheduled", "open", "ended", "closed", "cancelled"}},
        {.name = "day", .kind = FieldKind::kInt, .min = 1},
        {.name = "startAfter", .kind = FieldKind::kDate},
        {.name = "startBefore", .kind = FieldKind::kDate},
        {.name = "location", .max_length = 200},
    },
    {"createdAt", "updatedAt", "_id", "name", "startTime", "endTime", "day", "capacity", "checkInsCount", "status",
     "location"});

const Schema kUpcomingSchema = {{.name = "limit", .kind = FieldKind::kInt, .min = 0, .max = 1000}};
const Schema kToggleSchema = {{.name = "isOpen", .kind = FieldKind::kBool}};

std::optional<std::string> trimmed(const Json& v, std::string_view name) {
  auto s = get_string(v, name);
  if (s) *s = trim(*s);
  return s;
}

SessionFields session_fields(const Json& v) {
  SessionFields f;
  f.name = trimmed(v, "name");
  f.description = trimmed(v, "description");
  f.start_time = get_time(v, "startTime");
  f.end_time = get_time(v, "endTime");
  f.location = trimmed(v, "location");
  f.is_open = get_bool(v, "isOpen");
  f.capacity = get_int(v, "capacity");
  f.capacity_enforced = get_bool(v, "capacityEnforced");
  f.requires_registration = get_bool(v, "requiresRegistration");
  f.day = get_int(v, "day");
  f.auto_open_minutes_before = get_int(v, "autoOpenMinutesBefore");
  f.auto_end_grace_minutes = get_int(v, "autoEndGraceMinutes");
  f.late_threshold_minutes = get_int(v, "lateThresholdMinutes");
  return f;
}

Json sessions_json(const std::vector<Session>& sessions) {
  Json out = Json::array();
  for (const auto& s : sessions)
    out.push_back(to_json(s));
  return out;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/sessions", SchemaUse::Part::kBody, &kCreateSchema},
    {bhttp::verb::get, "/api/v1/sessions", SchemaUse::Part::kQuery, &kListSchema},
    {bhttp::verb::get, "/api/v1/sessions/upcoming", SchemaUse::Part::kQuery, &kUpcomingSchema},
    {bhttp::verb::post, "/api/v1/sessions/bulk", SchemaUse::Part::kBody, &kBulkSchema},
    {bhttp::verb::patch, "/api/v1/sessions/:id", SchemaUse::Part::kBody, &kUpdateSchema},
    {bhttp::verb::patch, "/api/v1/sessions/:id/toggle-open", SchemaUse::Part::kQuery, &kToggleSchema},
};

}  // namespace

void SessionsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/sessions";
  router.add(bhttp::verb::post, base, bind_handler(this, &SessionsApi::create));
  router.add(bhttp::verb::get, base, bind_handler(this, &SessionsApi::list));
  router.add(bhttp::verb::get, base + "/stats", bind_handler(this, &SessionsApi::stats));
  router.add(bhttp::verb::get, base + "/upcoming", bind_handler(this, &SessionsApi::upcoming));
  router.add(bhttp::verb::post, base + "/bulk", bind_handler(this, &SessionsApi::bulk_create), 1024 * 1024);
  router.add(bhttp::verb::get, base + "/:id", bind_handler(this, &SessionsApi::get));
  router.add(bhttp::verb::patch, base + "/:id", bind_handler(this, &SessionsApi::update));
  router.add(bhttp::verb::delete_, base + "/:id", bind_handler(this, &SessionsApi::remove));
  router.add(bhttp::verb::patch, base + "/:id/toggle-open", bind_handler(this, &SessionsApi::toggle_open));
  router.add(bhttp::verb::get, base + "/:id/participants", bind_handler(this, &SessionsApi::participants));
  router.add(bhttp::verb::get, base + "/:id/checkins", bind_handler(this, &SessionsApi::check_ins));
}

Task<HttpResponse> SessionsApi::create(RequestContext& ctx) {
  auto body = validate(ctx.body, kCreateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  SessionFields fields = session_fields(*body);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.sessions.create(uow, fields, now); });
  co_return respond(ctx, result, bhttp::status::created, "Session created successfully",
                    [](const Session& s) { return to_json(s); });
}

Task<HttpResponse> SessionsApi::list(RequestContext& ctx) {
  auto query = validate(ctx.query, kListSchema);
  if (!query) co_return error_response(query.error(), ctx);
  SessionFilter filter;
  filter.is_open = get_bool(*query, "isOpen");
  if (auto status = get_string(*query, "status")) filter.status = parse_session_status(*status);
  filter.day = get_int(*query, "day");
  filter.start_after = get_time(*query, "startAfter");
  filter.start_before = get_time(*query, "startBefore");
  filter.location = get_string(*query, "location");
  PageRequest page = page_request(*query);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.sessions().list(filter, page); });
  co_return success(ctx, bhttp::status::ok, "Sessions retrieved successfully", sessions_json(result.items),
                    page_meta(page.page, page.limit, result.total));
}

Task<HttpResponse> SessionsApi::stats(RequestContext& ctx) {
  auto now = ctx.received;
  auto s = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.sessions().stats(now); });
  Json data = {{"total", s.total}, {"open", s.open}, {"upcoming", s.upcoming}, {"past", s.past}};
  co_return success(ctx, bhttp::status::ok, "Session statistics retrieved successfully", std::move(data));
}

Task<HttpResponse> SessionsApi::upcoming(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kUpcomingSchema);
  if (!query) co_return error_response(query.error(), ctx);
  int limit = get_int(*query, "limit").value_or(5);
  auto now = ctx.received;
  auto sessions = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.sessions().upcoming_open(now, limit); });
  co_return success(ctx, bhttp::status::ok, "Upcoming sessions retrieved successfully", sessions_json(sessions));
}

Task<HttpResponse> SessionsApi::get(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto found = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.sessions().find(id); });
  if (!found) co_return error_response(session_not_found(id), ctx);
  co_return success(ctx, bhttp::status::ok, "Session retrieved successfully", to_json(*found));
}

Task<HttpResponse> SessionsApi::update(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kUpdateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  SessionFields fields = session_fields(*body);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.sessions.update(uow, id, fields, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Session updated successfully",
                    [](const Session& s) { return to_json(s); });
}

Task<HttpResponse> SessionsApi::remove(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.sessions.remove(uow, id); });
  co_return respond(ctx, result, bhttp::status::ok, "Session deleted successfully",
                    [](const Session& s) { return to_json(s); });
}

Task<HttpResponse> SessionsApi::toggle_open(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto query = validate_named(ctx.query, kToggleSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto open = get_bool(*query, "isOpen");
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) -> Result<Session> {
    if (!open) {
      auto found = uow.sessions().find(id);
      if (!found) return session_not_found(id);
      return *found;
    }
    return api_.sessions.set_open(uow, id, *open, now);
  });
  co_return respond(ctx, result, bhttp::status::ok, "Session status updated successfully",
                    [](const Session& s) { return to_json(s); });
}

Task<HttpResponse> SessionsApi::bulk_create(RequestContext& ctx) {
  auto body = validate(ctx.body, kBulkSchema);
  if (!body) co_return error_response(body.error(), ctx);
  std::vector<SessionFields> items;
  for (const auto& item : body->at("sessions"))
    items.push_back(session_fields(item));
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.sessions.create_many(uow, items, now); });
  Json errors = Json::array();
  for (const auto& e : result.errors)
    errors.push_back({{"index", e.index}, {"name", e.name}, {"error", e.error}});
  Json created = Json::array();
  for (const auto& s : result.created)
    created.push_back({{"_id", s.id}, {"name", s.name}});
  Json data = {{"success", result.success}, {"failed", result.failed}, {"errors", errors}, {"created", created}};
  std::string message = "Bulk create completed: " + std::to_string(result.success) + " created, " +
                        std::to_string(result.failed) + " failed";
  co_return success(ctx, bhttp::status::created, message, std::move(data));
}

Task<HttpResponse> SessionsApi::participants(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) -> Result<std::vector<Participant>> {
    if (!uow.sessions().find(id)) return session_not_found(id);
    return uow.participants().registered_for(id);
  });
  co_return respond(ctx, result, bhttp::status::ok, "Session participants retrieved successfully",
                    [](const std::vector<Participant>& list) {
                      Json out = Json::array();
                      for (const auto& p : list)
                        out.push_back(to_json(p));
                      return out;
                    });
}

Task<HttpResponse> SessionsApi::check_ins(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) -> Result<Json> {
    if (!uow.sessions().find(id)) return session_not_found(id);
    Json out = Json::array();
    for (const auto& c : uow.check_ins().for_session(id)) {
      Json doc = to_json(c);
      auto p = uow.participants().find(c.participant_id);
      populate(doc, "participantId", p ? to_json(*p) : Json(nullptr));
      out.push_back(std::move(doc));
    }
    return out;
  });
  co_return respond(ctx, result, bhttp::status::ok, "Session check-ins retrieved successfully",
                    [](const Json& j) { return j; });
}

}  // namespace admit
