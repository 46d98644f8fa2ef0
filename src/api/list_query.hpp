#pragma once

#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "http/json.hpp"
#include "http/validation.hpp"
#include "storage/page.hpp"

namespace admit {

// The reference's PaginationDto (page, limit, sortBy, sortOrder, search) added to `filters`,
// with sortBy limited to `sort_fields`.
Schema paged_schema(Schema filters, std::vector<std::string_view> sort_fields);

PageRequest page_request(const Json& validated, std::string_view default_sort = "createdAt");

// Validates query parameters of routes that read single named parameters: the reference ignored
// any other parameter there, so admit does too.
Result<Json> validate_named(const Json& query, const Schema& schema);

}  // namespace admit
