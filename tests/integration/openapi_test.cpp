// The OpenAPI description (issue 4 item 8): every route the router knows is described and every
// described operation is a route, both ways; parameters and references are consistent. Its
// validity as OpenAPI 3.1 is checked by tests/openapi/validate_test.js (swagger-parser).
#include <gtest/gtest.h>

#include <set>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

using OpenApiTest = ApiTest;

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "/api/v1/sessions/:id" -> "/api/v1/sessions/{id}"
std::string templated(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == ':' && i > 0 && pattern[i - 1] == '/') {
      auto end = pattern.find('/', i);
      if (end == std::string::npos) end = pattern.size();
      out += "{" + pattern.substr(i + 1, end - i - 1) + "}";
      i = end;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

TEST_F(OpenApiTest, EveryRouteIsDescribedAndEveryOperationIsARoute) {
  auto routes = http().get("/api/v1/_test/routes");
  ASSERT_EQ(routes.status, 200) << routes.raw;
  auto docs = http().get("/api/docs-json");
  ASSERT_EQ(docs.status, 200);
  EXPECT_TRUE(docs.header("content-type").starts_with("application/json"));
  ASSERT_EQ(docs.body.at("openapi"), "3.1.0");

  std::set<std::string> router;
  for (const auto& r : routes.data()) {
    auto pattern = r.at("pattern").get<std::string>();
    // The --test-hooks routes exist for this suite only and are deliberately not part of the API.
    if (pattern.starts_with("/api/v1/_test/")) continue;
    router.insert(lower(r.at("method").get<std::string>()) + " " + templated(pattern));
  }
  std::set<std::string> described;
  for (const auto& [path, item] : docs.body.at("paths").items())
    for (const auto& [method, op] : item.items())
      described.insert(method + " " + path);

  for (const auto& r : router)
    EXPECT_TRUE(described.count(r)) << "route not in /api/docs-json: " << r;
  for (const auto& d : described)
    EXPECT_TRUE(router.count(d)) << "described but not a route: " << d;
  EXPECT_GT(router.size(), 80U);
}

TEST_F(OpenApiTest, ParametersBodiesAndReferencesAreConsistent) {
  auto docs = http().get("/api/docs-json");
  ASSERT_EQ(docs.status, 200);
  const auto& doc = docs.body;
  const auto& schemas = doc.at("components").at("schemas");
  std::set<std::string> operation_ids;
  std::function<void(const Json&, const std::string&)> check_refs = [&](const Json& j, const std::string& where) {
    if (j.is_object()) {
      if (auto it = j.find("$ref"); it != j.end()) {
        auto ref = it->get<std::string>();
        const std::string prefix = "#/components/schemas/";
        ASSERT_TRUE(ref.starts_with(prefix)) << where << ": " << ref;
        EXPECT_TRUE(schemas.contains(ref.substr(prefix.size()))) << where << ": dangling " << ref;
      }
      for (const auto& [k, v] : j.items())
        check_refs(v, where);
    } else if (j.is_array()) {
      for (const auto& v : j)
        check_refs(v, where);
    }
  };

  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      std::string where = method + " " + path;
      EXPECT_TRUE(operation_ids.insert(op.at("operationId").get<std::string>()).second) << where;
      ASSERT_TRUE(op.contains("responses")) << where;
      EXPECT_FALSE(op.at("tags").empty()) << where;
      // Every {name} of the path is a required path parameter, and nothing else is.
      std::set<std::string> in_path;
      for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1))
        in_path.insert(path.substr(i + 1, path.find('}', i) - i - 1));
      std::set<std::string> declared;
      for (const auto& p : op.value("parameters", Json::array())) {
        if (p.at("in") != "path") continue;
        EXPECT_EQ(p.at("required"), true) << where;
        declared.insert(p.at("name").get<std::string>());
      }
      EXPECT_EQ(in_path, declared) << where;
      check_refs(op, where);
    }
  }

  // The schemas come from the validation itself: spot-check a body and a query.
  const auto& create = doc.at("paths").at("/api/v1/sessions").at("post").at("requestBody");
  const auto& body = create.at("content").at("application/json").at("schema");
  EXPECT_EQ(body.at("additionalProperties"), false);
  EXPECT_EQ(body.at("properties").at("name").at("maxLength"), 200);
  EXPECT_EQ(body.at("properties").at("capacity").at("type"), "integer");
  std::set<std::string> required(body.at("required").begin(), body.at("required").end());
  EXPECT_EQ(required, (std::set<std::string>{"name", "startTime", "endTime"}));
  bool has_page = false;
  for (const auto& p : doc.at("paths").at("/api/v1/participants").at("get").at("parameters"))
    has_page = has_page || (p.at("name") == "page" && p.at("in") == "query");
  EXPECT_TRUE(has_page);

  // Public routes need no credentials; the rest name the bearer token or the cookie.
  EXPECT_EQ(doc.at("paths").at("/api/v1/health").at("get").at("security"), Json::array());
  EXPECT_EQ(doc.at("paths").at("/api/docs-json").at("get").at("security"), Json::array());
  EXPECT_EQ(doc.at("paths").at("/api/v1/metrics").at("get").at("x-admit-role"), "viewer");
  EXPECT_TRUE(doc.at("components").at("securitySchemes").contains("bearer"));
  EXPECT_TRUE(doc.at("components").at("securitySchemes").contains("cookie"));
}

}  // namespace
}  // namespace admit::test
