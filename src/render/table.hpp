#pragma once

#include <string>
#include <variant>
#include <vector>

namespace admit {

// One cell of a downloaded sheet: text, a number or a boolean, so that a spreadsheet can sum the
// counts and filter on the flags.
using Cell = std::variant<std::string, double, bool>;

// A sheet of a download: its name (the xlsx sheet name), a header row and the rows under it.
struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

// A cell as CSV text: numbers without a trailing ".0" when they are whole, booleans true/false.
std::string cell_text(const Cell& cell);

}  // namespace admit
