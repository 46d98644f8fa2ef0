#include "api/checkin_api.hpp"

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

const FieldSpec kParticipantId{.name = "participantId", .kind = FieldKind::kObjectId, .required = true};
const FieldSpec kSessionId{.name = "sessionId", .kind = FieldKind::kObjectId, .required = true};
const FieldSpec kQrCode{.name = "qrCode", .required = true, .not_empty = true, .max_length = 200};
const FieldSpec kCheckedInBy{.name = "checkedInBy", .max_length = 200};
const FieldSpec kNotes{.name = "notes", .max_length = 500};

const Schema kVerifySchema = {kQrCode, kSessionId};
// "acceptedBy" is what the reference's mobile app sends; admit takes it as checkedInBy.
const Schema kAcceptSchema = {
    kParticipantId, kSessionId, kCheckedInBy, kNotes, {.name = "acceptedBy", .max_length = 200}};
const Schema kDeclineSchema = {
    kParticipantId, kSessionId, {.name = "declinedBy", .max_length = 200}, {.name = "reason", .max_length = 500}};
const Schema kCreateSchema = {kParticipantId,
                              kSessionId,
                              {.name = "method", .kind = FieldKind::kEnum, .choices = {"qr", "manual"}},
                              kCheckedInBy,
                              kNotes};
const Schema kQrSchema = {kQrCode, kSessionId, kCheckedInBy, kNotes};

const Schema kAttemptListSchema = paged_schema(
    {
        {.name = "sessionId", .kind = FieldKind::kObjectId},
        {.name = "participantId", .kind = FieldKind::kObjectId},
        {.name = "status", .kind = FieldKind::kEnum, .choices = {"declined", "failed"}},
    },
    {"createdAt", "updatedAt", "_id", "attemptTime", "status", "participantId", "sessionId", "failureReason"});

const Schema kListSchema = paged_schema(
    {
        {.name = "method", .kind = FieldKind::kEnum, .choices = {"qr", "manual"}},
        {.name = "participantId", .kind = FieldKind::kObjectId},
        {.name = "sessionId", .kind = FieldKind::kObjectId},
        {.name = "checkInAfter", .kind = FieldKind::kDate},
        {.name = "checkInBefore", .kind = FieldKind::kDate},
    },
    {"createdAt", "updatedAt", "_id", "checkInTime", "method", "participantId", "sessionId", "isLate"});

const Schema kSessionFilterSchema = {{.name = "sessionId", .kind = FieldKind::kObjectId}};
const Schema kRecentSchema = {{.name = "limit", .kind = FieldKind::kInt, .min = 1, .max = 1000},
                              {.name = "sessionId", .kind = FieldKind::kObjectId}};

std::optional<std::string> trimmed(const Json& v, std::string_view name) {
  auto s = get_string(v, name);
  if (s) *s = trim(*s);
  return s;
}

Json verification_json(const VerifyOutcome& o) {
  const auto& p = o.participant;
  const auto& s = o.session;
  const auto& v = o.verification;
  Json participant = {{"_id", p.id}, {"name", p.name}, {"email", p.email}};
  if (p.organization) participant["organization"] = *p.organization;
  participant["qrCode"] = p.qr_code;

  Json session = {{"_id", s.id},
                  {"name", s.name},
                  {"isOpen", s.is_open},
                  {"requiresRegistration", s.requires_registration},
                  {"capacity", s.capacity > 0 ? Json(s.capacity) : Json(nullptr)},
                  {"isAtCapacity", v.is_at_capacity}};

  Json verification = {
      {"isRegistered", v.is_registered},
      {"registrationStatus", v.registration_status ? Json(to_string(*v.registration_status)) : Json(nullptr)},
      {"isAlreadyCheckedIn", v.existing_check_in.has_value()}};
  if (v.existing_check_in) {
    const auto& c = *v.existing_check_in;
    verification["existingCheckIn"] = {
        {"_id", c.id}, {"checkInTime", format_iso8601(c.check_in_time)}, {"method", to_string(c.method)}};
  }
  verification["badge"] = to_string(v.badge);
  verification["isAtCapacity"] = v.is_at_capacity;

  Json data = {{"participant", std::move(participant)},
               {"session", std::move(session)},
               {"verification", std::move(verification)},
               {"actions",
                {{"canAccept", v.actions.can_accept},
                 {"canDecline", v.actions.can_decline},
                 {"acceptLabel", v.actions.accept_label},
                 {"declineLabel", v.actions.decline_label}}}};
  if (v.capacity) {
    data["capacityInfo"] = {
        {"current", v.capacity->check_ins_count}, {"max", v.capacity->capacity}, {"remaining", v.capacity->remaining}};
  }
  return data;
}

HttpResponse check_in_response(const RequestContext& ctx, const Result<CheckInOutcome>& result,
                               std::string_view message, bool with_registration) {
  if (!result) return error_response(result.error(), ctx);
  Json extras = {{"capacityInfo", to_json(result->capacity)}};
  if (with_registration) extras["wasRegistered"] = result->was_registered;
  return success(ctx, bhttp::status::created, message, to_json(result->check_in), nullptr, std::move(extras));
}

// Referenced documents for lists: the fields the reference's populate() selects, or all of them.
Json participant_ref(UnitOfWork& uow, const std::string& id, bool full) {
  auto p = uow.participants().find(id);
  if (!p) return nullptr;
  Json doc = to_json(*p);
  return full ? doc : pick(doc, {"name", "email", "organization", "qrCode"});
}

Json session_ref(UnitOfWork& uow, const std::string& id, bool full) {
  auto s = uow.sessions().find(id);
  if (!s) return nullptr;
  Json doc = to_json(*s);
  return full ? doc : pick(doc, {"name", "startTime", "endTime", "location"});
}

Json populated(UnitOfWork& uow, const CheckIn& c, bool full) {
  Json doc = to_json(c);
  populate(doc, "participantId", participant_ref(uow, c.participant_id, full));
  populate(doc, "sessionId", session_ref(uow, c.session_id, full));
  return doc;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/checkin/verify-qr", SchemaUse::Part::kBody, &kVerifySchema},
    {bhttp::verb::post, "/api/v1/checkin/accept", SchemaUse::Part::kBody, &kAcceptSchema},
    {bhttp::verb::post, "/api/v1/checkin/decline", SchemaUse::Part::kBody, &kDeclineSchema},
    {bhttp::verb::get, "/api/v1/checkin/attempts", SchemaUse::Part::kQuery, &kAttemptListSchema},
    {bhttp::verb::get, "/api/v1/checkin/attempts/stats", SchemaUse::Part::kQuery, &kSessionFilterSchema},
    {bhttp::verb::post, "/api/v1/checkin", SchemaUse::Part::kBody, &kCreateSchema},
    {bhttp::verb::post, "/api/v1/checkin/qr", SchemaUse::Part::kBody, &kQrSchema},
    {bhttp::verb::get, "/api/v1/checkin", SchemaUse::Part::kQuery, &kListSchema},
    {bhttp::verb::get, "/api/v1/checkin/stats", SchemaUse::Part::kQuery, &kSessionFilterSchema},
    {bhttp::verb::get, "/api/v1/checkin/recent", SchemaUse::Part::kQuery, &kRecentSchema},
};

}  // namespace

void CheckinApi::register_routes(Router& router) {
  const std::string base = "/api/v1/checkin";
  router.add(bhttp::verb::post, base + "/verify-qr", bind_handler(this, &CheckinApi::verify_qr));
  router.add(bhttp::verb::post, base + "/accept", bind_handler(this, &CheckinApi::accept));
  router.add(bhttp::verb::post, base + "/decline", bind_handler(this, &CheckinApi::decline));
  router.add(bhttp::verb::get, base + "/attempts", bind_handler(this, &CheckinApi::attempts));
  router.add(bhttp::verb::get, base + "/attempts/stats", bind_handler(this, &CheckinApi::attempt_stats));
  router.add(bhttp::verb::post, base + "/qr", bind_handler(this, &CheckinApi::by_qr));
  router.add(bhttp::verb::get, base + "/stats", bind_handler(this, &CheckinApi::stats));
  router.add(bhttp::verb::get, base + "/recent", bind_handler(this, &CheckinApi::recent));
  router.add(bhttp::verb::get, base + "/verify/:participantId/:sessionId",
             bind_handler(this, &CheckinApi::is_checked_in));
  router.add(bhttp::verb::post, base, bind_handler(this, &CheckinApi::create));
  router.add(bhttp::verb::get, base, bind_handler(this, &CheckinApi::list));
  router.add(bhttp::verb::get, base + "/:id", bind_handler(this, &CheckinApi::get));
  router.add(bhttp::verb::delete_, base + "/:id", bind_handler(this, &CheckinApi::remove));
}

Task<HttpResponse> CheckinApi::verify_qr(RequestContext& ctx) {
  auto body = validate(ctx.body, kVerifySchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto qr = *get_string(*body, "qrCode");
  auto session_id = *get_string(*body, "sessionId");
  auto now = ctx.received;
  auto result =
      co_await db_read(api_.db, [&](UnitOfWork& uow) { return api_.check_ins.verify(uow, qr, session_id, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Participant verification complete", verification_json);
}

Task<HttpResponse> CheckinApi::accept(RequestContext& ctx) {
  auto body = validate(ctx.body, kAcceptSchema);
  if (!body) co_return error_response(body.error(), ctx);
  CheckInRequest request{*get_string(*body, "participantId"), *get_string(*body, "sessionId"),
                         trimmed(*body, "checkedInBy"), trimmed(*body, "notes"), CheckInMethod::kQr};
  if (!request.checked_in_by) request.checked_in_by = trimmed(*body, "acceptedBy");
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.check_ins.accept(uow, request, now); });
  std::string_view message = result && result->was_registered ? "Check-in accepted successfully"
                                                              : "Check-in accepted (participant was not registered)";
  co_return check_in_response(ctx, result, message, true);
}

Task<HttpResponse> CheckinApi::decline(RequestContext& ctx) {
  auto body = validate(ctx.body, kDeclineSchema);
  if (!body) co_return error_response(body.error(), ctx);
  DeclineRequest request{*get_string(*body, "participantId"), *get_string(*body, "sessionId"),
                         trimmed(*body, "declinedBy"), trimmed(*body, "reason")};
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.check_ins.decline(uow, request, now); });
  if (!result) co_return error_response(result.error(), ctx);
  Json extras = {
      {"participant",
       {{"_id", result->participant.id}, {"name", result->participant.name}, {"email", result->participant.email}}},
      {"session", {{"_id", result->session.id}, {"name", result->session.name}}}};
  co_return success(ctx, bhttp::status::ok, "Check-in declined and logged", to_json(result->attempt), nullptr,
                    std::move(extras));
}

Task<HttpResponse> CheckinApi::attempts(RequestContext& ctx) {
  auto query = validate(ctx.query, kAttemptListSchema);
  if (!query) co_return error_response(query.error(), ctx);
  AttemptFilter filter{get_string(*query, "participantId"), get_string(*query, "sessionId"),
                       get_string(*query, "status")};
  PageRequest page = page_request(*query);
  page.search.reset();  // accepted and ignored, as the reference
  auto [data, total] = co_await db_read(api_.db, [&](UnitOfWork& uow) {
    auto result = uow.attempts().list(filter, page);
    Json items = Json::array();
    for (const auto& a : result.items) {
      Json doc = to_json(a);
      auto p = uow.participants().find(a.participant_id);
      auto s = uow.sessions().find(a.session_id);
      populate(doc, "participantId",
               p ? pick(to_json(*p), {"name", "email", "organization", "qrCode"}) : Json(nullptr));
      populate(doc, "sessionId", s ? pick(to_json(*s), {"name", "startTime", "endTime", "location"}) : Json(nullptr));
      items.push_back(std::move(doc));
    }
    return std::pair{std::move(items), result.total};
  });
  co_return success(ctx, bhttp::status::ok, "Check-in attempts retrieved", std::move(data),
                    page_meta(page.page, page.limit, total, MetaOrder::kTotalFirst));
}

Task<HttpResponse> CheckinApi::attempt_stats(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kSessionFilterSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto session_id = get_string(*query, "sessionId");
  auto s = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.attempts().stats(session_id); });
  co_return success(ctx, bhttp::status::ok, "Attempt statistics retrieved",
                    Json{{"total", s.total}, {"declined", s.declined}, {"failed", s.failed}});
}

Task<HttpResponse> CheckinApi::create(RequestContext& ctx) {
  auto body = validate(ctx.body, kCreateSchema);
  if (!body) co_return error_response(body.error(), ctx);
  CheckInRequest request{*get_string(*body, "participantId"), *get_string(*body, "sessionId"),
                         trimmed(*body, "checkedInBy"), trimmed(*body, "notes"), CheckInMethod::kManual};
  if (auto method = get_string(*body, "method")) request.method = *parse_check_in_method(*method);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.check_ins.check_in(uow, request, now); });
  co_return check_in_response(ctx, result, "Check-in created successfully", false);
}

Task<HttpResponse> CheckinApi::by_qr(RequestContext& ctx) {
  auto body = validate(ctx.body, kQrSchema);
  if (!body) co_return error_response(body.error(), ctx);
  auto qr = *get_string(*body, "qrCode");
  CheckInRequest request{"", *get_string(*body, "sessionId"), trimmed(*body, "checkedInBy"), trimmed(*body, "notes"),
                         CheckInMethod::kQr};
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.check_ins.check_in_by_qr(uow, qr, request, now); });
  co_return check_in_response(ctx, result, "QR check-in successful", false);
}

Task<HttpResponse> CheckinApi::list(RequestContext& ctx) {
  auto query = validate(ctx.query, kListSchema);
  if (!query) co_return error_response(query.error(), ctx);
  CheckInFilter filter;
  if (auto method = get_string(*query, "method")) filter.method = parse_check_in_method(*method);
  filter.participant_id = get_string(*query, "participantId");
  filter.session_id = get_string(*query, "sessionId");
  filter.after = get_time(*query, "checkInAfter");
  filter.before = get_time(*query, "checkInBefore");
  PageRequest page = page_request(*query);
  page.search.reset();
  auto [data, total] = co_await db_read(api_.db, [&](UnitOfWork& uow) {
    auto result = uow.check_ins().list(filter, page);
    Json items = Json::array();
    for (const auto& c : result.items)
      items.push_back(populated(uow, c, false));
    return std::pair{std::move(items), result.total};
  });
  co_return success(ctx, bhttp::status::ok, "Check-ins retrieved successfully", std::move(data),
                    page_meta(page.page, page.limit, total, MetaOrder::kTotalFirst));
}

Task<HttpResponse> CheckinApi::stats(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kSessionFilterSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto session_id = get_string(*query, "sessionId");
  auto s = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.check_ins().stats(session_id); });
  co_return success(ctx, bhttp::status::ok, "Check-in statistics retrieved successfully",
                    Json{{"total", s.total}, {"qr", s.qr}, {"manual", s.manual}});
}

Task<HttpResponse> CheckinApi::recent(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kRecentSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto session_id = get_string(*query, "sessionId");
  int limit = get_int(*query, "limit").value_or(10);
  auto data = co_await db_read(api_.db, [&](UnitOfWork& uow) {
    Json items = Json::array();
    for (const auto& c : uow.check_ins().recent(session_id, limit))
      items.push_back(populated(uow, c, true));
    return items;
  });
  co_return success(ctx, bhttp::status::ok, "Recent check-ins retrieved successfully", std::move(data));
}

Task<HttpResponse> CheckinApi::is_checked_in(RequestContext& ctx) {
  const auto& participant_id = ctx.param(0);
  const auto& session_id = ctx.param(1);
  if (auto bad = check_path_id(participant_id)) co_return error_response(*bad, ctx);
  if (auto bad = check_path_id(session_id)) co_return error_response(*bad, ctx);
  auto found = co_await db_read(
      api_.db, [&](UnitOfWork& uow) { return uow.check_ins().find_for(participant_id, session_id).has_value(); });
  co_return success(ctx, bhttp::status::ok, "Check-in verification completed", Json{{"isCheckedIn", found}});
}

Task<HttpResponse> CheckinApi::get(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) -> Result<Json> {
    auto c = uow.check_ins().find(id);
    if (!c) return Error::not_found("CheckIn with ID " + id + " not found");
    return populated(uow, *c, true);
  });
  co_return respond(ctx, result, bhttp::status::ok, "Check-in retrieved successfully", [](const Json& j) { return j; });
}

Task<HttpResponse> CheckinApi::remove(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return api_.check_ins.remove(uow, id, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Check-in deleted successfully",
                    [](const CheckIn& c) { return to_json(c); });
}

}  // namespace admit
