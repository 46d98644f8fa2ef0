#include "api/list_query.hpp"

namespace admit {

Schema paged_schema(Schema filters, std::vector<std::string_view> sort_fields) {
  filters.push_back({.name = "page", .kind = FieldKind::kInt, .min = 1});
  filters.push_back({.name = "limit", .kind = FieldKind::kInt, .min = 1, .max = 100});
  filters.push_back({.name = "sortBy", .kind = FieldKind::kEnum, .choices = std::move(sort_fields)});
  filters.push_back({.name = "sortOrder", .kind = FieldKind::kEnum, .choices = {"asc", "desc"}});
  filters.push_back({.name = "search", .kind = FieldKind::kString, .max_length = 200});
  return filters;
}

PageRequest page_request(const Json& v, std::string_view default_sort) {
  PageRequest page;
  page.page = get_int(v, "page").value_or(1);
  page.limit = get_int(v, "limit").value_or(10);
  page.sort_by = get_string(v, "sortBy").value_or(std::string(default_sort));
  page.descending = get_string(v, "sortOrder").value_or("desc") != "asc";
  auto search = get_string(v, "search");
  if (search && !search->empty()) page.search = std::move(search);
  return page;
}

Result<Json> validate_named(const Json& query, const Schema& schema) {
  Json known = Json::object();
  for (const auto& spec : schema) {
    auto it = query.find(std::string(spec.name));
    if (it != query.end()) known[std::string(spec.name)] = *it;
  }
  return validate(known, schema);
}

}  // namespace admit
