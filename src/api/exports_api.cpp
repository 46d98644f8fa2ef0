#include "api/exports_api.hpp"

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

// `format=csv` is admit's addition (CSV has no sheets: see render_csv); the reference only wrote xlsx.
const Schema kFormatSchema = {{.name = "format", .kind = FieldKind::kEnum, .choices = {"excel", "xlsx", "csv"}}};

FileFormat requested_format(const Json& query) {
  auto format = get_string(query, "format");
  return format ? parse_file_format(*format).value_or(FileFormat::kXlsx) : FileFormat::kXlsx;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::get, "/api/v1/bulk/template/participants", SchemaUse::Part::kQuery, &kFormatSchema},
    {bhttp::verb::get, "/api/v1/bulk/sessions/:sessionId/export", SchemaUse::Part::kQuery, &kFormatSchema},
};

}  // namespace

void ExportsApi::register_routes(Router& router) {
  const std::string base = "/api/v1/bulk";
  router.add(bhttp::verb::get, base + "/template/participants", bind_handler(this, &ExportsApi::participants_template));
  router.add(bhttp::verb::get, base + "/sessions/:sessionId/export", bind_handler(this, &ExportsApi::session_export));
}

Task<HttpResponse> ExportsApi::participants_template(RequestContext& ctx) {
  auto query = validate_named(ctx.query, kFormatSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto format = requested_format(*query);
  auto render = [&format] { return render_download({participants_template_table()}, format, kTemplateFileBase); };
  auto file = co_await offload(api_.workers, std::move(render));
  co_return download_response(ctx, file);
}

Task<HttpResponse> ExportsApi::session_export(RequestContext& ctx) {
  const auto& id = ctx.param(0);
  if (auto bad = check_path_id(id)) co_return error_response(*bad, ctx);
  auto query = validate_named(ctx.query, kFormatSchema);
  if (!query) co_return error_response(query.error(), ctx);
  auto format = requested_format(*query);
  auto result = co_await db_read(api_.db, [&](UnitOfWork& uow) { return load_session_export(uow, id); });
  if (!result) co_return error_response(result.error(), ctx);
  auto base = session_export_file_base(result->session, ctx.received);
  auto render = [&result, &base, &format] { return render_download(session_export_tables(*result), format, base); };
  auto file = co_await offload(api_.workers, std::move(render));
  co_return download_response(ctx, file);
}

}  // namespace admit
