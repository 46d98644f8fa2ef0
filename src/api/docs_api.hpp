#pragma once

#include <string>

#include "http/router.hpp"

namespace admit {

// GET /api/docs-json: the OpenAPI 3.1 description (public). The Swagger UI page at /api/docs is
// a static file of the web UI that loads it.
class DocsApi {
 public:
  DocsApi();
  void register_routes(Router& router);

 private:
  Task<HttpResponse> document(RequestContext& ctx);

  std::string document_;  // rendered once: it only changes with the binary
};

}  // namespace admit
