#pragma once

#include <optional>
#include <string>

#include "domain/error.hpp"
#include "domain/object_id.hpp"

namespace admit {

// Path ids must be 24 hex digits; anything else is a 400 naming the value.
inline std::optional<Error> check_path_id(const std::string& id) {
  if (is_object_id(id)) return std::nullopt;
  return Error{ErrorKind::kBadRequest, "Invalid ID format: " + id, {}};
}

}  // namespace admit
