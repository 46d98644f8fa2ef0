#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "render/table.hpp"

struct lxw_workbook;
struct lxw_format;

namespace admit {

// An .xlsx workbook built with libxlsxwriter. The library writes to a file, not to memory (the
// Debian version has no output buffer), so the workbook lives in a private temporary file that
// finish() reads back and removes; nothing is left behind if the workbook is abandoned.
class XlsxWorkbook {
 public:
  XlsxWorkbook();
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  // A sheet named table.name: the columns as a bold header row (frozen), then the rows.
  void add_sheet(const Table& table);
  // Closes the workbook and returns the file's bytes; throws std::runtime_error on failure.
  std::string finish();

 private:
  std::filesystem::path file_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format* header_ = nullptr;
};

// Each table as one sheet of a workbook, in order.
std::string render_xlsx(const std::vector<Table>& tables);

inline constexpr const char* kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace admit
