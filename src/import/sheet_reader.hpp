#pragma once

#include <string_view>

#include "domain/result.hpp"
#include "import/text_sheet.hpp"
#include "import/xlsx_reader.hpp"

namespace admit {

// The largest file an upload may carry (the reference's multer limit).
inline constexpr std::size_t kMaxUploadFileBytes = 10 * 1024 * 1024;

// Reads an uploaded participants file into a table. The file must be declared as a spreadsheet
// (Content-Type xlsx, xls or CSV, or a name ending in .xlsx, .xls or .csv; an empty content type
// leaves the decision to the name); what it is then comes from its bytes: a zip archive is read
// as .xlsx, UTF-8 text as CSV. Anything else (a .txt upload, a legacy binary .xls, an image) is
// a 400 Error: "Invalid file type. Only Excel and CSV files are allowed." or a clearer reason.
Result<TextSheet> read_sheet(std::string_view bytes, std::string_view content_type, std::string_view filename,
                             const XlsxLimits& limits = {});

}  // namespace admit
