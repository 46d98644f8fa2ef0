#include "api/reports_api.hpp"

#include "api/download.hpp"
#include "api/list_query.hpp"
#include "api/path_id.hpp"
#include "api/report_builder.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/validation.hpp"

namespace admit {
namespace {

const FieldSpec kFormat{.name = "format", .kind = FieldKind::kEnum, .choices = {"json", "excel", "csv"}};

// RP1: C8's paging and filters; organization is honoured (the reference ignored it).
const Schema kAttendanceSchema = paged_schema(
    {
        {.name = "sessionId", .kind = FieldKind::kObjectId},
        {.name = "startDate", .kind = FieldKind::kDate},
        {.name = "endDate", .kind = FieldKind::kDate},
        {.name = "organization", .max_length = 200},
        kFormat,
    },
    {"createdAt", "updatedAt", "_id", "checkInTime", "method", "participantId", "sessionId", "isLate"});

const Schema kSessionReportSchema = {kFormat};
// RP4 has no parameters in the reference; admit adds `format` for downloads of the sheet.
const Schema kSheetsSchema = {kFormat};

std::optional<FileFormat> requested_format(const Json& query) {
  auto format = get_string(query, "format");
  return format ? parse_file_format(*format) : std::nullopt;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::get, "/api/v1/reports/attendance", SchemaUse::Part::kQuery, &kAttendanceSchema},
    {bhttp::verb::get, "/api/v1/reports/session/:sessionId", SchemaUse::Part::kQuery, &kSessionReportSchema},
    {bhttp::verb::get, "/api/v1/reports/sessions-sheets", SchemaUse::Part::kQuery, &kSheetsSchema},
};

}  // namespace

void ReportsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/reports";
  router.add(bhttp::verb::get, base + "/attendance", bind_handler(this, &ReportsApi::attendance));
  router.add(bhttp::verb::get, base + "/statistics", bind_handler(this, &ReportsApi::statistics));
  router.add(bhttp::verb::get, base + "/sessions-sheets", bind_handler(this, &ReportsApi::sessions_sheets));
  router.add(bhttp::verb::get, base + "/session/:sessionId", bind_handler(this, &ReportsApi::session_report));
}

Task<HttpResponse> ReportsApi::attendance(RequestContext& ctx) {
  auto query = validate(ctx.query, kAttendanceSchema);
  if (!query) co_return error_response(query.error(), ctx);
  AttendanceFilter filter;
  filter.session_id = get_string(*query, "sessionId");
  filter.after = get_time(*query, "startDate");
  filter.before = get_time(*query, "endDate");
  filter.organization = get_string(*query, "organization");
  PageRequest page = page_request(*query);
  page.search.reset();  // accepted and ignored, as the reference
  auto format = requested_format(*query);
  // A download holds every matching row in the page's order; the reference exported one page.
  PageRequest wanted = page;
  if (format) wanted.limit = 0;
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.check_ins().attendance(filter, wanted); });

  if (format) {
    auto base = attendance_file_base(ctx.received);
    auto render = [&result, &base, &format] {
      return render_download({attendance_table(result.items)}, *format, base);
    };
    auto file = co_await offload(api_.workers, std::move(render));
    co_return download_response(ctx, file);
  }
  Json report = Json::array();
  for (const auto& row : result.items)
    report.push_back(attendance_row_json(row));
  Json data = {{"report", std::move(report)},
               {"meta", page_meta(page.page, page.limit, result.total, MetaOrder::kTotalFirst)},
               {"generatedAt", format_iso8601(ctx.received)}};
  co_return success(ctx, bhttp::status::ok, "Attendance report generated successfully", std::move(data));
}

Task<HttpResponse> ReportsApi::session_report(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto query = validate(ctx.query, kSessionReportSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return load_session_report(uow, id); });
  if (!result) co_return error_response(result.error(), ctx);

  if (auto format = requested_format(*query)) {
    auto base = session_report_file_base(id, ctx.received);
    auto render = [&result, &base, &format] { return render_download({session_report_table(*result)}, *format, base); };
    auto file = co_await offload(api_.workers, std::move(render));
    co_return download_response(ctx, file);
  }
  co_return success(ctx, bhttp::status::ok, "Session report generated successfully",
                    session_report_json(*result, ctx.received));
}

Task<HttpResponse> ReportsApi::statistics(RequestContext& ctx) {
  auto now = ctx.received;
  auto data = co_await db_read(api_.db, [&](UnitOfWork& uow) {
    return statistics_json(uow.sessions().stats(now), uow.participants().stats(), uow.check_ins().stats(std::nullopt),
                           now);
  });
  co_return success(ctx, bhttp::status::ok, "Statistics report generated successfully", std::move(data));
}

Task<HttpResponse> ReportsApi::sessions_sheets(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kSheetsSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto rows = co_await db_read(api_.db, [&](UnitOfWork& uow) { return uow.sessions().sheets(kSessionsSheetsLimit); });

  if (auto format = requested_format(*query)) {
    auto base = sessions_sheets_file_base(ctx.received);
    auto render = [&rows, &base, &format] { return render_download({sessions_sheets_table(rows)}, *format, base); };
    auto file = co_await offload(api_.workers, std::move(render));
    co_return download_response(ctx, file);
  }
  co_return success(ctx, bhttp::status::ok, "Sessions sheets generated successfully",
                    sessions_sheets_json(rows, ctx.received));
}

}  // namespace admit
