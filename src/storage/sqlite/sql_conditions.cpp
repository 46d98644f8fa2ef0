#include "storage/sqlite/sql_conditions.hpp"

namespace admit {

void SqlConditions::add_search(const std::vector<std::string_view>& columns, std::string_view text) {
  std::string clause = "(";
  std::vector<Value> values;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) clause += " OR ";
    clause += std::string(columns[i]) + " LIKE ? ESCAPE '\\'";
    values.emplace_back(like_contains(text));
  }
  clause += ")";
  add(std::move(clause), std::move(values));
}

std::string SqlConditions::where() const {
  if (clauses_.empty()) return {};
  std::string out = " WHERE ";
  for (std::size_t i = 0; i < clauses_.size(); ++i) {
    if (i > 0) out += " AND ";
    out += clauses_[i];
  }
  return out;
}

int SqlConditions::bind(SqliteQuery& query) const {
  int index = 0;
  for (const auto& value : values_) {
    ++index;
    std::visit([&](const auto& v) { query.bind(index, v); }, value);
  }
  return index + 1;
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

std::string order_and_page(std::string_view column, const PageRequest& page) {
  std::string dir = page.descending ? " DESC" : " ASC";
  return " ORDER BY " + std::string(column) + dir + ", id" + dir + " LIMIT ? OFFSET ?";
}

}  // namespace admit
