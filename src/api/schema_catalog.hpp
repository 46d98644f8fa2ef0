#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "http/asio.hpp"
#include "http/validation.hpp"

namespace admit {

// Which validation schema checks which part of which route, so that the OpenAPI description
// (openapi_document.cpp) shows exactly what the handlers validate instead of a copy that drifts.
struct SchemaUse {
  enum class Part { kQuery, kBody };
  bhttp::verb method;
  std::string_view path;  // the route pattern, "/api/v1/sessions/:id"
  Part part;
  const Schema* schema;
};

class SchemaCatalog {
 public:
  static void add(std::initializer_list<SchemaUse> uses);
  static std::vector<SchemaUse> all();
};

// A namespace-scope object in each api file, defined after its schemas (same translation unit,
// so they are initialised first): `const SchemaRegistration kDocumented{{...}, ...};`
struct SchemaRegistration {
  SchemaRegistration(std::initializer_list<SchemaUse> uses) { SchemaCatalog::add(uses); }
};

}  // namespace admit
