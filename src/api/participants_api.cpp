#include "api/participants_api.hpp"

#include "api/list_query.hpp"
#include "api/path_id.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "api/views.hpp"
#include "domain/text.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"
#include "render/qr_png.hpp"

namespace admit {
namespace {

Schema participant_schema(bool create) {
  return {
      {.name = "name", .required = create, .not_empty = true, .max_length = 200},
      {.name = "email", .kind = FieldKind::kEmail, .required = create, .not_empty = true, .max_length = 254},
      {.name = "organization", .max_length = 200},
      {.name = "phone", .max_length = 50},
      {.name = "status", .kind = FieldKind::kEnum, .choices = {"regular", "ambassador", "travel_grant"}},
      {.name = "isActive", .kind = FieldKind::kBool},
      {.name = "notes", .max_length = 500},
      {.name = "qrCode", .kind = FieldKind::kQrCode, .max_length = 50},
  };
}

const Schema kCreateSchema = participant_schema(true);
const Schema kUpdateSchema = participant_schema(false);
const Schema kBulkItemSchema = {
    {.name = "name", .required = true, .not_empty = true, .max_length = 200},
    {.name = "email", .kind = FieldKind::kEmail, .required = true, .not_empty = true, .max_length = 254},
    {.name = "organization", .max_length = 200},
    {.name = "phone", .max_length = 50},
};
const Schema kBulkSchema = {
    {.name = "participants", .kind = FieldKind::kObjectArray, .required = true, .items = &kBulkItemSchema},
};

const Schema kListSchema = paged_schema(
    {
        {.name = "status", .kind = FieldKind::kEnum, .choices = {"regular", "ambassador", "travel_grant"}},
        {.name = "isActive", .kind = FieldKind::kBool},
        {.name = "travelGrantApplied", .kind = FieldKind::kBool},
        {.name = "travelGrantApproved", .kind = FieldKind::kBool},
        {.name = "organization", .max_length = 200},
    },
    {"createdAt", "updatedAt", "_id", "name", "email", "organization", "status", "qrCode", "ambassadorPoints",
     "travelGrantAppliedAt", "travelGrantApproved"});

std::optional<std::string> trimmed(const Json& v, std::string_view name) {
  auto s = get_string(v, name);
  if (s) *s = trim(*s);
  return s;
}

ParticipantFields participant_fields(const Json& v) {
  ParticipantFields f;
  f.name = trimmed(v, "name");
  f.email = get_string(v, "email");
  f.organization = trimmed(v, "organization");
  f.phone = trimmed(v, "phone");
  if (auto status = get_string(v, "status")) f.status = parse_participant_status(*status);
  f.is_active = get_bool(v, "isActive");
  f.notes = trimmed(v, "notes");
  f.qr_code = get_string(v, "qrCode");
  return f;
}

Json participant_view(const Participant& p) { return to_json(p); }

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/participants", SchemaUse::Part::kBody, &kCreateSchema},
    {bhttp::verb::get, "/api/v1/participants", SchemaUse::Part::kQuery, &kListSchema},
    {bhttp::verb::post, "/api/v1/participants/bulk", SchemaUse::Part::kBody, &kBulkSchema},
    {bhttp::verb::patch, "/api/v1/participants/:id", SchemaUse::Part::kBody, &kUpdateSchema},
};

}  // namespace

void ParticipantsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/participants";
  router.add(bhttp::verb::post, base, bind_handler(this, &ParticipantsApi::create));
  router.add(bhttp::verb::get, base, bind_handler(this, &ParticipantsApi::list));
  router.add(bhttp::verb::get, base + "/generate-qr", bind_handler(this, &ParticipantsApi::generate_qr));
  router.add(bhttp::verb::get, base + "/stats", bind_handler(this, &ParticipantsApi::stats));
  router.add(bhttp::verb::get, base + "/qr/:qrCode", bind_handler(this, &ParticipantsApi::by_qr));
  router.add(bhttp::verb::post, base + "/bulk", bind_handler(this, &ParticipantsApi::bulk_create), 4 * 1024 * 1024);
}

void ParticipantsApi::register_id_routes(Router& router) {
  const std::string base = "/api/v1/participants";
  router.add(bhttp::verb::get, base + "/:id", bind_handler(this, &ParticipantsApi::get));
  router.add(bhttp::verb::get, base + "/:id/details", bind_handler(this, &ParticipantsApi::details));
  router.add(bhttp::verb::patch, base + "/:id", bind_handler(this, &ParticipantsApi::update));
  router.add(bhttp::verb::delete_, base + "/:id", bind_handler(this, &ParticipantsApi::remove));
}

Task<HttpResponse> ParticipantsApi::create(RequestContext& ctx) {
  auto body = validate(ctx.body, kCreateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  ParticipantFields fields = participant_fields(*body);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.participants.create(uow, fields, now); });
  co_return respond(ctx, result, bhttp::status::created, "Participant created successfully", participant_view);
}

Task<HttpResponse> ParticipantsApi::list(RequestContext& ctx) {
  auto query = validate(ctx.query, kListSchema);
  if (!query) co_return error_response(query.error(), ctx);
  ParticipantFilter filter;
  if (auto status = get_string(*query, "status")) filter.status = parse_participant_status(*status);
  filter.is_active = get_bool(*query, "isActive");
  filter.travel_grant_applied = get_bool(*query, "travelGrantApplied");
  filter.travel_grant_approved = get_bool(*query, "travelGrantApproved");
  filter.organization = get_string(*query, "organization");
  PageRequest page = page_request(*query);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().list(filter, page); });
  Json data = Json::array();
  for (const auto& p : result.items)
    data.push_back(to_json(p));
  co_return success(ctx, bhttp::status::ok, "Participants retrieved successfully", std::move(data),
                    page_meta(page.page, page.limit, result.total));
}

Task<HttpResponse> ParticipantsApi::generate_qr(RequestContext& ctx) {
  auto code = co_await db_read(api_.db, [&](UnitOfWork& uow) { return api_.participants.unused_qr_code(uow); });
  // A named job, not a temporary lambda: GCC 12 destroys a temporary closure with non-trivial
  // captures twice when it appears in a co_await expression.
  auto render = [code] { return qr_png_data_url(code); };
  auto url = co_await offload(api_.workers, std::move(render));
  co_return success(ctx, bhttp::status::ok, "QR code generated successfully",
                    Json{{"qrCode", code}, {"qrCodeDataUrl", url}});
}

Task<HttpResponse> ParticipantsApi::stats(RequestContext& ctx) {
  auto s = co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.participants().stats(); });
  Json data = {
      {"total", s.total}, {"active", s.active}, {"ambassadors", s.ambassadors}, {"travelGrant", s.travel_grant}};
  co_return success(ctx, bhttp::status::ok, "Participant statistics retrieved successfully", std::move(data));
}

Task<HttpResponse> ParticipantsApi::by_qr(RequestContext& ctx) {
  const auto& qr = ctx.param(0);
  auto found = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().find_by_qr(qr); });
  if (!found) co_return error_response(participant_qr_not_found(qr), ctx);
  co_return success(ctx, bhttp::status::ok, "Participant retrieved successfully", to_json(*found));
}

Task<HttpResponse> ParticipantsApi::bulk_create(RequestContext& ctx) {
  auto body = validate(ctx.body, kBulkSchema);
  if (!body) co_return error_response(body.error(), ctx);
  std::vector<ParticipantFields> items;
  for (const auto& item : body->at("participants"))
    items.push_back(participant_fields(item));
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.participants.create_many(uow, items, now); });
  Json errors = Json::array();
  for (const auto& e : result.errors)
    errors.push_back({{"email", e.email}, {"error", e.error}});
  Json data = {{"created", result.created}, {"failed", result.failed}, {"errors", std::move(errors)}};
  std::string message =
      "Created " + std::to_string(result.created) + " participants, " + std::to_string(result.failed) + " failed";
  co_return success(ctx, bhttp::status::created, message, std::move(data));
}

Task<HttpResponse> ParticipantsApi::get(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto found = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().find(id); });
  if (!found) co_return error_response(participant_not_found(id), ctx);
  co_return success(ctx, bhttp::status::ok, "Participant retrieved successfully", to_json(*found));
}

Task<HttpResponse> ParticipantsApi::details(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto found = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().find(id); });
  if (!found) co_return error_response(participant_not_found(id), ctx);
  auto render = [code = found->qr_code] { return qr_png_data_url(code); };  // named: see generate_qr
  auto url = co_await offload(api_.workers, std::move(render));
  Json data = to_json(*found);
  data["qrDataUrl"] = url;
  co_return success(ctx, bhttp::status::ok, "Participant details retrieved successfully", std::move(data));
}

Task<HttpResponse> ParticipantsApi::update(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kUpdateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  ParticipantFields fields = participant_fields(*body);
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.participants.update(uow, id, fields, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Participant updated successfully", participant_view);
}

Task<HttpResponse> ParticipantsApi::remove(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.participants.remove(uow, id, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Participant deleted successfully", participant_view);
}

}  // namespace admit
