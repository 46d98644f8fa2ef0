#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/json.hpp"

namespace admit {

// Percent-decodes a URL component; with `plus_is_space`, '+' becomes ' ' (query strings and forms).
// Returns nothing for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Parses "a=1&b=x%20y" into a JSON object of strings. A key given twice becomes an array of its
// values; a value that cannot be decoded is kept as it was sent.
Json parse_query_string(std::string_view query);

}  // namespace admit
