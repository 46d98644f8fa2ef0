#pragma once

#include <cstddef>
#include <string_view>

#include "domain/result.hpp"
#include "import/text_sheet.hpp"

namespace admit {

struct XlsxLimits {
  // Total bytes the parts we read may inflate to: a 10 MiB upload cannot become gigabytes.
  std::size_t max_uncompressed_bytes = 256 * 1024 * 1024;
  // Cells the table may hold (a cell in column XFD makes every row 16384 wide).
  std::size_t max_cells = 20'000'000;
};

// Reads the first worksheet (in workbook order) of an Office Open XML workbook held in memory:
// shared strings, inline strings, numbers (integral values without ".0", so a phone typed as a
// number reads "4915112345678"), booleans ("TRUE"/"FALSE"), formula results, and skipped cells
// and rows placed by their references ("C7"). Styles and dates' formats are not applied. A file
// that is not a zip, misses the workbook, inflates past the limits or holds malformed XML is a
// 400 Error that says so.
Result<TextSheet> read_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

// Whether the bytes start like a zip archive (every .xlsx does).
bool looks_like_zip(std::string_view bytes);

}  // namespace admit
