#pragma once

#include <string>
#include <vector>

namespace admit {

// A sheet as text: rows of cells, in file order. Row i is the spreadsheet's row i + 1 (a CSV
// record is one row even when a quoted field spans lines; blank rows stay, as empty rows, so that
// row numbers in reports point at the row a spreadsheet program shows). Rows may have different
// lengths; a missing cell reads as "".
struct TextSheet {
  std::vector<std::vector<std::string>> rows;
};

}  // namespace admit
