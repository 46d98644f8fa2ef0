#include "api/bulk_api.hpp"

#include "api/path_id.hpp"
#include "api/respond.hpp"
#include "api/schema_catalog.hpp"
#include "http/db_call.hpp"
#include "http/envelope.hpp"
#include "http/multipart.hpp"
#include "http/validation.hpp"
#include "import/participant_rows.hpp"
#include "import/sheet_reader.hpp"

namespace admit {
namespace {

// The file may be 10 MiB; the multipart framing around it needs a little more.
constexpr std::size_t kUploadBodyLimit = kMaxUploadFileBytes + 64 * 1024;

const Schema kUploadQuerySchema = {
    {.name = "dryRun", .kind = FieldKind::kBool},
};

const Schema kAssignSchema = {
    {.name = "participantIds", .kind = FieldKind::kObjectIdArray, .required = true, .not_empty = true},
};

struct UploadedFile {
  std::string_view bytes;  // into the request body
  std::string content_type;
  std::string filename;
};

Error missing_file() {
  return Error::rule("file", "No file uploaded: send the spreadsheet as the multipart/form-data field \"file\"");
}

Result<UploadedFile> uploaded_file(const RequestContext& ctx) {
  auto content_type = ctx.request[bhttp::field::content_type];
  auto boundary = multipart_boundary(content_type);
  if (!boundary) {
    // Not a form at all: the client forgot the file rather than mangled it.
    if (content_type.substr(0, 10) != "multipart/") return missing_file();
    return boundary.error();
  }
  auto parts = parse_multipart(ctx.request.body(), *boundary);
  if (!parts) return parts.error();
  const MultipartPart* part = find_part(*parts, "file");
  if (part == nullptr || !part->filename) return missing_file();
  if (part->body.size() > kMaxUploadFileBytes) return Error{ErrorKind::kPayloadTooLarge, "File too large", {}};
  return UploadedFile{part->body, part->content_type, *part->filename};
}

// Rule 3 of the contract's envelope: the raw report under data, message "Success"; errors only
// when there are some.
Json import_view(const ImportReport& report, bool dry_run) {
  Json data = {{"created", report.created}, {"failed", report.failed}};
  if (!report.errors.empty()) {
    Json errors = Json::array();
    for (const auto& e : report.errors)
      errors.push_back({{"row", e.row}, {"email", e.email}, {"error", e.error}});
    data["errors"] = std::move(errors);
  }
  if (report.registered) data["registered"] = *report.registered;
  if (dry_run) data["dryRun"] = true;
  return data;
}

Json assign_view(const AssignReport& report) {
  Json data = {{"assigned", report.assigned}, {"skipped", report.skipped}, {"failed", report.failed}};
  if (!report.errors.empty()) {
    Json errors = Json::array();
    for (const auto& e : report.errors)
      errors.push_back({{"participantId", e.participant_id}, {"error", e.error}});
    data["errors"] = std::move(errors);
  }
  return data;
}

// The validation schemas above, as the OpenAPI description shows them (api/openapi_document.cpp).
const SchemaRegistration kDocumentedSchemas{
    {bhttp::verb::post, "/api/v1/bulk/upload/participants", SchemaUse::Part::kQuery, &kUploadQuerySchema},
    {bhttp::verb::post, "/api/v1/bulk/upload/sessions/:sessionId/participants", SchemaUse::Part::kQuery,
     &kUploadQuerySchema},
    {bhttp::verb::post, "/api/v1/bulk/sessions/:sessionId/assign", SchemaUse::Part::kBody, &kAssignSchema},
};

}  // namespace

void BulkApi::register_routes(Router& router) {
  const std::string base = "/api/v1/bulk";
  router.add(bhttp::verb::post, base + "/upload/participants", bind_handler(this, &BulkApi::upload), kUploadBodyLimit);
  router.add(bhttp::verb::post, base + "/upload/sessions/:sessionId/participants",
             bind_handler(this, &BulkApi::upload_to_session), kUploadBodyLimit);
  router.add(bhttp::verb::post, base + "/sessions/:sessionId/assign", bind_handler(this, &BulkApi::assign),
             4 * 1024 * 1024);
}

Task<HttpResponse> BulkApi::upload(RequestContext& ctx) {
  const std::optional<std::string> no_session;
  co_return co_await import_upload(ctx, no_session);
}

Task<HttpResponse> BulkApi::upload_to_session(RequestContext& ctx) {
  const std::optional<std::string> session_id = ctx.param(0);
  if (auto bad = check_path_id(*session_id)) co_return error_response(*bad, ctx);
  co_return co_await import_upload(ctx, session_id);
}

Task<HttpResponse> BulkApi::import_upload(RequestContext& ctx, const std::optional<std::string>& session_id) {
  auto query = validate(ctx.query, kUploadQuerySchema);
  if (!query) co_return error_response(query.error(), ctx);
  const bool dry_run = get_bool(*query, "dryRun").value_or(false);
  auto file = uploaded_file(ctx);
  if (!file) co_return error_response(file.error(), ctx);

  // Unzipping and parsing a 10 MiB workbook is CPU work for the pool, not an I/O thread.
  auto parse = [&file]() -> Result<ParticipantRows> {
    auto table = read_sheet(file->bytes, file->content_type, file->filename);
    if (!table) return table.error();
    return participant_rows(*table);
  };
  auto rows = co_await offload(api_.workers, std::move(parse));
  if (!rows) co_return error_response(rows.error(), ctx);

  // The whole file is one write job: a storage failure leaves nothing half-imported. A dry run
  // does the same work and then discards it (a failed Result rolls the job back), so it reports
  // exactly what the import would do.
  auto now = ctx.received;
  std::optional<ImportReport> rehearsal;
  auto job = [&](UnitOfWork& uow) -> Result<ImportReport> {
    auto report = importer_.import_rows(uow, rows->rows, rows->rejected, session_id, now);
    if (report && dry_run) {
      rehearsal = std::move(report.value());
      return Error{ErrorKind::kInternal, "dry run", {}};
    }
    return report;
  };
  auto result = co_await db_write(api_.db, job);
  if (rehearsal) co_return success(ctx, bhttp::status::ok, "Success", import_view(*rehearsal, true));
  co_return respond(ctx, result, bhttp::status::ok, "Success",
                    [](const ImportReport& report) { return import_view(report, false); });
}

Task<HttpResponse> BulkApi::assign(RequestContext& ctx) {
  const auto& session_id = ctx.param(0);
  if (auto bad = check_path_id(session_id)) co_return error_response(*bad, ctx);
  auto body = validate(ctx.body, kAssignSchema);
  if (!body) co_return error_response(body.error(), ctx);
  std::vector<std::string> ids = body->at("participantIds").get<std::vector<std::string>>();
  auto now = ctx.received;
  auto result =
      co_await db_write(api_.db, [&](UnitOfWork& uow) { return importer_.assign(uow, session_id, ids, now); });
  co_return respond(ctx, result, bhttp::status::ok, "Success", assign_view);
}

}  // namespace admit
