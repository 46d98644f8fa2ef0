#include "api/travel_grants_api.hpp"

#include <cmath>

#include "api/list_query.hpp"
#include "api/path_id.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "api/views.hpp"
#include "domain/time.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

// `status` is a boolean (true: approved, false: rejected); the reference read any value but
// "true" as "rejected".
const Schema kApplicationsSchema = {
    {.name = "status", .kind = FieldKind::kBool},
    {.name = "organization", .max_length = 200},
};

// The reference read these parameters one by one (unknown ones ignored) without validating
// them; admit validates the paging (a NaN page was a 500) and whitelists sortBy. `status` other
// than pending/approved/rejected is ignored, as in the reference.
const Schema kSearchSchema =
    paged_schema({{.name = "status", .max_length = 50}},
                 {"createdAt", "updatedAt", "_id", "name", "email", "organization", "status", "qrCode",
                  "ambassadorPoints", "travelGrantAppliedAt", "travelGrantApproved"});

const Schema kDecideSchema = {{.name = "approved", .kind = FieldKind::kBool, .required = true}};

Json participants_json(const std::vector<Participant>& list) {
  Json out = Json::array();
  for (const auto& p : list)
    out.push_back(to_json(p));
  return out;
}

Json participant_view(const Participant& p) { return to_json(p); }

Json details_view(const TravelGrantDetails& d) {
  const auto completed = d.total_check_ins;
  const auto total = d.confirmed_registrations;
  Json progress = Json::object();
  progress["completed"] = completed;
  progress["total"] = total;
  progress["percentage"] =
      total > 0
          ? static_cast<std::int64_t>(std::lround(static_cast<double>(completed) * 100.0 / static_cast<double>(total)))
          : std::int64_t{0};

  Json last = Json::array();
  for (const auto& item : d.last_check_ins) {
    const auto& c = item.check_in;
    Json entry = Json::object();
    entry["_id"] = c.id;
    entry["sessionId"] = item.session ? to_json(*item.session) : Json(nullptr);
    entry["sessionName"] = item.session ? item.session->name : std::string("Unknown Session");
    entry["sessionLocation"] = item.session ? item.session->location.value_or("") : std::string();
    entry["checkInTime"] = format_iso8601(c.check_in_time);
    entry["method"] = to_string(c.method);
    entry["isLate"] = c.is_late;
    last.push_back(std::move(entry));
  }

  const auto& p = d.participant;
  Json stats = Json::object();
  stats["totalCheckIns"] = d.total_check_ins;
  stats["totalRegisteredSessions"] = d.confirmed_registrations;
  stats["applicationStatus"] = application_status(p);
  if (p.travel_grant_applied_at) stats["appliedAt"] = format_iso8601(*p.travel_grant_applied_at);
  if (p.travel_grant_decided_at) stats["decidedAt"] = format_iso8601(*p.travel_grant_decided_at);

  Json out = Json::object();
  out["participant"] = to_json(p);
  out["checkInProgress"] = std::move(progress);
  out["lastCheckIns"] = std::move(last);
  out["stats"] = std::move(stats);
  return out;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::get, "/api/v1/participants/travel-grants/applications", SchemaUse::Part::kQuery,
     &kApplicationsSchema},
    {bhttp::verb::get, "/api/v1/participants/travel-grants/search", SchemaUse::Part::kQuery, &kSearchSchema},
    {bhttp::verb::patch, "/api/v1/participants/:id/travel-grant/decide", SchemaUse::Part::kBody, &kDecideSchema},
};

}  // namespace

void TravelGrantsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/participants";
  router.add(bhttp::verb::get, base + "/travel-grants/applications",
             bind_handler(this, &TravelGrantsApi::applications));
  router.add(bhttp::verb::get, base + "/travel-grants/stats", bind_handler(this, &TravelGrantsApi::stats));
  router.add(bhttp::verb::get, base + "/travel-grants/search", bind_handler(this, &TravelGrantsApi::search));
  router.add(bhttp::verb::get, base + "/travel-grants", bind_handler(this, &TravelGrantsApi::applicants));
  router.add(bhttp::verb::get, base + "/:id/travel-grant/qualification",
             bind_handler(this, &TravelGrantsApi::qualification));
  router.add(bhttp::verb::post, base + "/:id/travel-grant/apply", bind_handler(this, &TravelGrantsApi::apply));
  router.add(bhttp::verb::patch, base + "/:id/travel-grant/decide", bind_handler(this, &TravelGrantsApi::decide));
  router.add(bhttp::verb::post, base + "/:id/travel-grant/approve", bind_handler(this, &TravelGrantsApi::approve));
  router.add(bhttp::verb::post, base + "/:id/travel-grant/reject", bind_handler(this, &TravelGrantsApi::reject));
  router.add(bhttp::verb::get, base + "/:id/travel-grant/details", bind_handler(this, &TravelGrantsApi::details));
}

Task<HttpResponse> TravelGrantsApi::applications(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kApplicationsSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto approved = get_bool(*query, "status");
  auto organization = get_string(*query, "organization");
  if (organization && organization->empty()) organization.reset();
  auto list = co_await db_read(
      api_.db, [&](UnitOfWork& uow) { return uow.participants().travel_grant_applications(approved, organization); });
  co_return success(ctx, bhttp::status::ok, "Travel grant applications retrieved successfully",
                    participants_json(list));
}

Task<HttpResponse> TravelGrantsApi::stats(RequestContext& ctx) {
  auto s = co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.participants().travel_grant_stats(); });
  Json data = {{"total", s.total}, {"pending", s.pending}, {"approved", s.approved}, {"rejected", s.rejected}};
  co_return success(ctx, bhttp::status::ok, "Travel grant statistics retrieved successfully", std::move(data));
}

Task<HttpResponse> TravelGrantsApi::applicants(RequestContext& ctx) {
  auto list = co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.participants().travel_grant_participants(); });
  co_return success(ctx, bhttp::status::ok, "Travel grant applicants retrieved successfully", participants_json(list));
}

Task<HttpResponse> TravelGrantsApi::search(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kSearchSchema);
  if (!query) co_return error_response(query.error(), ctx);
  PageRequest page = page_request(*query, "travelGrantAppliedAt");
  ParticipantFilter filter;
  filter.status = ParticipantStatus::kTravelGrant;
  auto status = get_string(*query, "status").value_or("");
  if (status == "pending") {
    filter.travel_grant_applied = true;
    filter.travel_grant_undecided = true;
  } else if (status == "approved") {
    filter.travel_grant_approved = true;
  } else if (status == "rejected") {
    filter.travel_grant_approved = false;
  }
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().list(filter, page); });
  co_return success(ctx, bhttp::status::ok, "Travel grant applicants retrieved successfully",
                    participants_json(result.items),
                    page_meta(page.page, page.limit, result.total, MetaOrder::kTotalFirst));
}

Task<HttpResponse> TravelGrantsApi::qualification(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return grants_.qualification(uow, id); });
  co_return respond(ctx, result, bhttp::status::ok, "Travel grant qualification status retrieved successfully",
                    [](const TravelGrantQualification& q) {
                      Json out = Json::object();
                      out["qualified"] = q.qualified;
                      if (q.reason) out["reason"] = *q.reason;
                      return out;
                    });
}

Task<HttpResponse> TravelGrantsApi::apply(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return grants_.apply(uow, id, now); });
  co_return respond(ctx, result, bhttp::status::created, "Travel grant application submitted successfully",
                    participant_view);
}

Task<HttpResponse> TravelGrantsApi::decide(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kDecideSchema);
  if (!body) co_return error_response(body.error(), ctx);
  co_return co_await decide_as(ctx, get_bool(*body, "approved").value_or(false), bhttp::status::ok);
}

Task<HttpResponse> TravelGrantsApi::approve(RequestContext& ctx) {
  if (auto bad = check_path_id(ctx.param(0))) co_return error_response(*bad, ctx);
  co_return co_await decide_as(ctx, true, bhttp::status::created);
}

Task<HttpResponse> TravelGrantsApi::reject(RequestContext& ctx) {
  if (auto bad = check_path_id(ctx.param(0))) co_return error_response(*bad, ctx);
  co_return co_await decide_as(ctx, false, bhttp::status::created);
}

Task<HttpResponse> TravelGrantsApi::decide_as(RequestContext& ctx, bool approved, bhttp::status status) {
  const auto& id = ctx.param(0);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return grants_.decide(uow, id, approved, now); });
  co_return respond(ctx, result, status,
                    approved ? "Travel grant approved successfully" : "Travel grant rejected successfully",
                    participant_view);
}

Task<HttpResponse> TravelGrantsApi::details(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return grants_.details(uow, id); });
  co_return respond(ctx, result, bhttp::status::ok, "Travel grant details retrieved successfully", details_view);
}

}  // namespace admit
