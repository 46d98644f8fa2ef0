#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/page.hpp"
#include "storage/sqlite/sqlite_query.hpp"

namespace admit {

// Builds the WHERE clause of a filtered list query together with its parameters.
class SqlConditions {
 public:
  using Value = std::variant<std::int64_t, std::string>;

  void add(std::string clause) { clauses_.push_back(std::move(clause)); }
  void add(std::string clause, Value value) {
    clauses_.push_back(std::move(clause));
    values_.push_back(std::move(value));
  }
  void add(std::string clause, std::vector<Value> values) {
    clauses_.push_back(std::move(clause));
    for (auto& v : values)
      values_.push_back(std::move(v));
  }
  // "(a LIKE ? OR b LIKE ?)" for a case-insensitive substring over several columns; the text is
  // matched literally (the reference fed it unescaped into a regex).
  void add_search(const std::vector<std::string_view>& columns, std::string_view text);

  std::string where() const;
  // Binds the collected values starting at parameter 1; returns the next free index.
  int bind(SqliteQuery& query) const;

 private:
  std::vector<std::string> clauses_;
  std::vector<Value> values_;
};

// "%text%" with LIKE's wildcards escaped (ESCAPE '\').
std::string like_contains(std::string_view text);

// "ORDER BY <column> <dir>, id <dir> LIMIT ? OFFSET ?" for a page; `column` must be trusted.
std::string order_and_page(std::string_view column, const PageRequest& page);

}  // namespace admit
