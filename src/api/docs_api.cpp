#include "api/docs_api.hpp"

#include "api/openapi_document.hpp"

namespace admit {

DocsApi::DocsApi() : document_(openapi_document().dump(2)) {}

void DocsApi::register_routes(Router& router) {
  router.add(bhttp::verb::get, "/api/docs-json", bind_handler(this, &DocsApi::document));
}

Task<HttpResponse> DocsApi::document(RequestContext& ctx) {
  HttpResponse response{bhttp::status::ok, ctx.request.version()};
  response.set(bhttp::field::content_type, "application/json; charset=utf-8");
  response.keep_alive(ctx.request.keep_alive());
  response.body() = document_;
  response.prepare_payload();
  co_return response;
}

}  // namespace admit
