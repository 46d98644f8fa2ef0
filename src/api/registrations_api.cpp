#include "api/registrations_api.hpp"

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

const std::vector<std::string_view> kStatuses = {"confirmed", "pending", "cancelled"};

const Schema kCreateSchema = {
    {.name = "participantId", .kind = FieldKind::kObjectId, .required = true},
    {.name = "sessionId", .kind = FieldKind::kObjectId, .required = true},
    {.name = "status", .kind = FieldKind::kEnum, .choices = kStatuses},
    {.name = "notes", .max_length = 500},
};

const Schema kUpdateSchema = {
    {.name = "status", .kind = FieldKind::kEnum, .choices = kStatuses},
    {.name = "notes", .max_length = 500},
};

const Schema kListSchema = paged_schema(
    {
        {.name = "status", .kind = FieldKind::kEnum, .choices = kStatuses},
        {.name = "participantId", .kind = FieldKind::kObjectId},
        {.name = "sessionId", .kind = FieldKind::kObjectId},
    },
    {"createdAt", "updatedAt", "_id", "status", "registeredAt", "registrationDate", "participantId", "sessionId"});

Json registration_view(const Registration& r) { return to_json(r); }

// The registration with both references replaced by their documents (null when deleted).
Json populated(UnitOfWork& uow, const Registration& r) {
  Json doc = to_json(r);
  auto p = uow.participants().find(r.participant_id);
  auto s = uow.sessions().find(r.session_id);
  populate(doc, "participantId", p ? to_json(*p) : Json(nullptr));
  populate(doc, "sessionId", s ? to_json(*s) : Json(nullptr));
  return doc;
}

std::optional<RegistrationStatus> status_of(const Json& v) {
  auto text = get_string(v, "status");
  return text ? parse_registration_status(*text) : std::nullopt;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/registrations", SchemaUse::Part::kBody, &kCreateSchema},
    {bhttp::verb::get, "/api/v1/registrations", SchemaUse::Part::kQuery, &kListSchema},
    {bhttp::verb::patch, "/api/v1/registrations/:id", SchemaUse::Part::kBody, &kUpdateSchema},
};

}  // namespace

void RegistrationsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/registrations";
  router.add(bhttp::verb::post, base, bind_handler(this, &RegistrationsApi::create));
  router.add(bhttp::verb::get, base, bind_handler(this, &RegistrationsApi::list));
  router.add(bhttp::verb::get, base + "/stats/overview", bind_handler(this, &RegistrationsApi::stats));
  router.add(bhttp::verb::get, base + "/:id", bind_handler(this, &RegistrationsApi::get));
  router.add(bhttp::verb::patch, base + "/:id", bind_handler(this, &RegistrationsApi::update));
  router.add(bhttp::verb::delete_, base + "/:id", bind_handler(this, &RegistrationsApi::remove));
}

Task<HttpResponse> RegistrationsApi::create(RequestContext& ctx) {
  auto body = validate(ctx.body, kCreateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  RegistrationFields fields{*get_string(*body, "participantId"), *get_string(*body, "sessionId"), status_of(*body),
                            get_string(*body, "notes")};
  if (fields.notes) fields.notes = trim(*fields.notes);
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.registrations.create(uow, fields, now); });
  co_return respond(ctx, result, bhttp::status::created, "Registration created successfully", registration_view);
}

Task<HttpResponse> RegistrationsApi::list(RequestContext& ctx) {
  auto query = validate(ctx.query, kListSchema);
  if (!query) co_return error_response(query.error(), ctx);
  RegistrationFilter filter{status_of(*query), get_string(*query, "participantId"), get_string(*query, "sessionId")};
  PageRequest page = page_request(*query);
  PageRequest unsearched = page;
  unsearched.search.reset();  // the reference accepts search here and ignores it
  auto [data, total] = co_await db_read(api_.db, [&](UnitOfWork& uow) {
    auto result = uow.registrations().list(filter, unsearched);
    Json items = Json::array();
    for (const auto& r : result.items)
      items.push_back(populated(uow, r));
    return std::pair{std::move(items), result.total};
  });
  co_return success(ctx, bhttp::status::ok, "Registrations retrieved successfully", std::move(data),
                    page_meta(page.page, page.limit, total));
}

Task<HttpResponse> RegistrationsApi::stats(RequestContext& ctx) {
  // "Today" is the UTC day (the reference used the server's local midnight).
  auto midnight = std::chrono::floor<std::chrono::days>(ctx.received);
  auto s = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.registrations().stats(midnight); });
  Json data = {{"total", s.total},
               {"confirmed", s.confirmed},
               {"pending", s.pending},
               {"cancelled", s.cancelled},
               {"todayRegistrations", s.today}};
  co_return success(ctx, bhttp::status::ok, "Registration statistics retrieved successfully", std::move(data));
}

Task<HttpResponse> RegistrationsApi::get(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) -> Result<Json> {
    auto r = uow.registrations().find(id);
    if (!r) return registration_not_found(id);
    return populated(uow, *r);
  });
  co_return respond(ctx, result, bhttp::status::ok, "Registration retrieved successfully",
                    [](const Json& j) { return j; });
}

Task<HttpResponse> RegistrationsApi::update(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kUpdateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto status = status_of(*body);
  auto notes = get_string(*body, "notes");
  if (notes) notes = trim(*notes);
  auto now = ctx.received;
  auto result = co_await db_write(
      api_.db, [&](UnitOfWork& uow) { return api_.registrations.update(uow, id, status, notes, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Registration updated successfully", registration_view);
}

Task<HttpResponse> RegistrationsApi::remove(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.registrations.remove(uow, id); });
  co_return respond(ctx, result, bhttp::status::ok, "Registration deleted successfully", registration_view);
}

}  // namespace admit
