#include "import/sheet_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "import/csv_reader.hpp"

namespace admit {
namespace {

constexpr std::array<std::string_view, 3> kAcceptedTypes = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "text/csv",
};
constexpr std::array<std::string_view, 3> kAcceptedExtensions = {".xlsx", ".xls", ".csv"};

Error invalid_type() {
  return Error{ErrorKind::kBadRequest, "Invalid file type. Only Excel and CSV files are allowed.", {}};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool declared_as_sheet(std::string_view content_type, std::string_view filename) {
  auto type = lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ')
    type.pop_back();
  if (std::find(kAcceptedTypes.begin(), kAcceptedTypes.end(), type) != kAcceptedTypes.end()) return true;
  auto name = lower(filename);
  for (auto ext : kAcceptedExtensions) {
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) return true;
  }
  return false;
}

}  // namespace

Result<TextSheet> read_sheet(std::string_view bytes, std::string_view content_type, std::string_view filename,
                             const XlsxLimits& limits) {
  if (!declared_as_sheet(content_type, filename)) return invalid_type();
  if (looks_like_zip(bytes)) return read_xlsx(bytes, limits);
  if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return Error{ErrorKind::kBadRequest,
                 "Legacy .xls workbooks are not supported; save the file as .xlsx or CSV and upload it again",
                 {}};
  }
  if (!is_utf8_text(bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes)) return invalid_type();
  return read_csv(bytes);
}

}  // namespace admit
