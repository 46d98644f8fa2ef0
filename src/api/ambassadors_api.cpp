#include "api/ambassadors_api.hpp"

#include "api/list_query.hpp"
#include "api/path_id.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "api/views.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

const Schema kLeaderboardSchema = {{.name = "limit", .kind = FieldKind::kInt, .min = 1, .max = 100}};

// The reference read these parameters one by one (unknown ones ignored) without validating
// them; admit validates the paging (a NaN page was a 500) and whitelists sortBy.
const Schema kSearchSchema =
    paged_schema({}, {"createdAt", "updatedAt", "_id", "name", "email", "organization", "status", "qrCode",
                      "ambassadorPoints", "travelGrantAppliedAt", "travelGrantApproved"});

const Schema kAddReferredSchema = {
    {.name = "participantId", .kind = FieldKind::kObjectId, .required = true},
};

Json participants_json(const std::vector<Participant>& list) {
  Json out = Json::array();
  for (const auto& p : list)
    out.push_back(to_json(p));
  return out;
}

Json participant_view(const Participant& p) { return to_json(p); }

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::get, "/api/v1/participants/ambassadors/leaderboard", SchemaUse::Part::kQuery, &kLeaderboardSchema},
    {bhttp::verb::get, "/api/v1/participants/ambassadors/search", SchemaUse::Part::kQuery, &kSearchSchema},
    {bhttp::verb::post, "/api/v1/participants/:id/ambassador/add-referred", SchemaUse::Part::kBody,
     &kAddReferredSchema},
};

}  // namespace

void AmbassadorsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/participants";
  router.add(bhttp::verb::get, base + "/ambassadors/leaderboard", bind_handler(this, &AmbassadorsApi::leaderboard));
  router.add(bhttp::verb::get, base + "/ambassadors/search", bind_handler(this, &AmbassadorsApi::search));
  router.add(bhttp::verb::get, base + "/ambassadors", bind_handler(this, &AmbassadorsApi::list));
  router.add(bhttp::verb::post, base + "/ambassadors/sync-all-referrals",
             bind_handler(this, &AmbassadorsApi::sync_all_referrals));
  router.add(bhttp::verb::get, base + "/:id/ambassador/activity", bind_handler(this, &AmbassadorsApi::activity));
  router.add(bhttp::verb::get, base + "/:id/ambassador/details", bind_handler(this, &AmbassadorsApi::details));
  router.add(bhttp::verb::post, base + "/:id/ambassador/calculate-points",
             bind_handler(this, &AmbassadorsApi::calculate_points));
  router.add(bhttp::verb::post, base + "/:id/ambassador/add-referred",
             bind_handler(this, &AmbassadorsApi::add_referred));
  router.add(bhttp::verb::delete_, base + "/:id/ambassador/remove-referred/:participantId",
             bind_handler(this, &AmbassadorsApi::remove_referred));
  router.add(bhttp::verb::post, base + "/:id/ambassador/sync-referrals",
             bind_handler(this, &AmbassadorsApi::sync_referrals));
  router.add(bhttp::verb::post, base + "/:id/ambassador/promote", bind_handler(this, &AmbassadorsApi::promote));
  router.add(bhttp::verb::post, base + "/:id/ambassador/demote", bind_handler(this, &AmbassadorsApi::demote));
}

Task<HttpResponse> AmbassadorsApi::leaderboard(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kLeaderboardSchema);
  if (!query) co_return error_response(query.error(), ctx);
  int limit = get_int(*query, "limit").value_or(10);
  auto top = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().leaderboard(limit); });
  co_return success(ctx, bhttp::status::ok, "Ambassador leaderboard retrieved successfully", participants_json(top));
}

Task<HttpResponse> AmbassadorsApi::list(RequestContext& ctx) {
  auto all = co_await db_read(api_.db, [](UnitOfWork& uow) { return uow.participants().ambassadors(); });
  co_return success(ctx, bhttp::status::ok, "Ambassadors retrieved successfully", participants_json(all));
}

Task<HttpResponse> AmbassadorsApi::search(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kSearchSchema);
  if (!query) co_return error_response(query.error(), ctx);
  PageRequest page = page_request(*query, "ambassadorPoints");
  ParticipantFilter filter;
  filter.status = ParticipantStatus::kAmbassador;
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.participants().list(filter, page); });
  co_return success(ctx, bhttp::status::ok, "Ambassadors retrieved successfully", participants_json(result.items),
                    page_meta(page.page, page.limit, result.total, MetaOrder::kTotalFirst));
}

Task<HttpResponse> AmbassadorsApi::sync_all_referrals(RequestContext& ctx) {
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.sync_all_referrals(uow, now); });
  std::string message = "Processed " + std::to_string(result.processed) + " ambassadors, added " +
                        std::to_string(result.total_added) + " total referrals";
  co_return success(ctx, bhttp::status::created, message,
                    Json{{"processed", result.processed}, {"totalAdded", result.total_added}});
}

Task<HttpResponse> AmbassadorsApi::activity(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return ambassadors_.report(uow, id); });
  co_return respond(ctx, result, bhttp::status::ok, "Ambassador activity retrieved successfully",
                    [](const AmbassadorReport& r) {
                      Json out = Json::object();
                      out["participant"] = to_json(r.ambassador);
                      out["referredParticipants"] = participants_json(r.referred);
                      out["totalPoints"] = r.ambassador.ambassador_points;
                      return out;
                    });
}

Task<HttpResponse> AmbassadorsApi::details(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return ambassadors_.report(uow, id); });
  co_return respond(ctx, result, bhttp::status::ok, "Ambassador details retrieved successfully",
                    [](const AmbassadorReport& r) {
                      Json stats = Json::object();
                      stats["totalReferrals"] = r.ambassador.referred_participant_ids.size();
                      stats["activeReferrals"] = r.active_referrals;
                      stats["points"] = r.ambassador.ambassador_points;
                      Json out = Json::object();
                      out["ambassador"] = to_json(r.ambassador);
                      out["referredParticipants"] = participants_json(r.referred);
                      out["stats"] = std::move(stats);
                      return out;
                    });
}

Task<HttpResponse> AmbassadorsApi::calculate_points(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.calculate_points(uow, id, now); });
  co_return respond(ctx, result, bhttp::status::created, "Ambassador points calculated successfully", participant_view);
}

Task<HttpResponse> AmbassadorsApi::add_referred(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kAddReferredSchema);
  if (!body) co_return error_response(body.error(), ctx);
  std::string referred = get_string(*body, "participantId").value_or("");
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.add_referred(uow, id, referred, now); });
  co_return respond(ctx, result, bhttp::status::created, "Referred participant added successfully", participant_view);
}

Task<HttpResponse> AmbassadorsApi::remove_referred(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  const auto& referred = ctx.param(1);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  if (auto bad = check_path_id(referred)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.remove_referred(uow, id, referred, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Referred participant removed successfully", participant_view);
}

Task<HttpResponse> AmbassadorsApi::sync_referrals(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.sync_referrals(uow, id, now); });
  if (!result) co_return error_response(result.error(), ctx);
  std::string message = "Synced referrals: added " + std::to_string(result->added_count) + " new, total " +
                        std::to_string(result->total_referrals);
  Json data = Json::object();
  data["ambassador"] = to_json(result->ambassador);
  data["addedCount"] = result->added_count;
  data["totalReferrals"] = result->total_referrals;
  co_return success(ctx, bhttp::status::created, message, std::move(data));
}

Task<HttpResponse> AmbassadorsApi::promote(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.promote(uow, id, now); });
  co_return respond(ctx, result, bhttp::status::created, "Participant promoted to ambassador successfully",
                    participant_view);
}

Task<HttpResponse> AmbassadorsApi::demote(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto now = ctx.received;
  auto result = co_await db_write(api_.db, [&](UnitOfWork& uow) { return ambassadors_.demote(uow, id, now); });
  co_return respond(ctx, result, bhttp::status::created, "Ambassador demoted to regular participant successfully",
                    participant_view);
}

}  // namespace admit
