#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace admit {

// Paging and sorting as in the reference's PaginationDto; sort_by is already whitelisted.
struct PageRequest {
  int page = 1;
  int limit = 10;
  std::string sort_by = "createdAt";
  bool descending = true;
  std::optional<std::string> search;

  std::int64_t offset() const { return static_cast<std::int64_t>(page - 1) * limit; }
};

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace admit
