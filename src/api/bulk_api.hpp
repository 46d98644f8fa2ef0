#pragma once

#include <optional>
#include <string>

#include "api/api_context.hpp"
#include "domain/participant_import.hpp"
#include "http/router.hpp"

namespace admit {

// /api/v1/bulk: participant imports from a spreadsheet (B2, B3) and assigning participants to a
// session (B4). The template (B1) and the session export (B5) live in ExportsApi.
class BulkApi {
 public:
  BulkApi(ApiContext& api, ParticipantImportService& importer) : api_(api), importer_(importer) {}
  void register_routes(Router& router);

 private:
  Task<HttpResponse> upload(RequestContext& ctx);
  Task<HttpResponse> upload_to_session(RequestContext& ctx);
  Task<HttpResponse> assign(RequestContext& ctx);
  // B2 and B3: the file is parsed on the worker pool, then imported in one write job.
  Task<HttpResponse> import_upload(RequestContext& ctx, const std::optional<std::string>& session_id);

  ApiContext& api_;
  ParticipantImportService& importer_;
};

}  // namespace admit
