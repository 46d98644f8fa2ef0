#pragma once

#include "http/json.hpp"

namespace admit {

// The OpenAPI 3.1 description of the whole HTTP API, served at /api/docs-json. Operations are
// listed in openapi_document.cpp; their query and body schemas come from the validation schemas
// themselves (SchemaCatalog) and their roles from the access policy, so neither can drift.
// tests/integration/openapi_test.cpp checks it against the router both ways.
Json openapi_document();

}  // namespace admit
