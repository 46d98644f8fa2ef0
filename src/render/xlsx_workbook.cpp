#include "render/xlsx_workbook.hpp"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace admit {
namespace {

std::filesystem::path make_temp_file() {
  std::string pattern = (std::filesystem::temp_directory_path() / "admit-XXXXXX.xlsx").string();
  int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook");
  ::close(fd);
  return pattern;
}

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string(what) + ": " + lxw_strerror(error));
}

}  // namespace

XlsxWorkbook::XlsxWorkbook() : file_(make_temp_file()) {
  // Constant-memory mode streams each row to disk as it is written (inline strings, no shared
  // string table): faster for large exports (docs/performance.md) and flat in memory.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  workbook_ = workbook_new_opt(file_.c_str(), &options);
  if (workbook_ == nullptr) {
    std::filesystem::remove(file_);
    throw std::runtime_error("cannot create the workbook");
  }
  header_ = workbook_add_format(workbook_);
  format_set_bold(header_);
}

XlsxWorkbook::~XlsxWorkbook() {
  // An unfinished workbook still owns memory and libxlsxwriter's own temporary files.
  if (workbook_ != nullptr) workbook_close(workbook_);
  std::error_code ignored;
  std::filesystem::remove(file_, ignored);
}

void XlsxWorkbook::add_sheet(const Table& table) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, table.name.c_str());
  if (sheet == nullptr) throw std::runtime_error("cannot add sheet \"" + table.name + "\"");
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].c_str(), header_),
          "cannot write a header");
  }
  if (!table.columns.empty()) {
    worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(table.columns.size() - 1), 24, nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      const Cell& cell = table.rows[r][c];
      lxw_error error = LXW_NO_ERROR;
      if (const auto* text = std::get_if<std::string>(&cell)) {
        // An empty string cell is written as nothing, which is what a reader shows anyway.
        if (!text->empty()) error = worksheet_write_string(sheet, row, col, text->c_str(), nullptr);
      } else if (const auto* flag = std::get_if<bool>(&cell)) {
        error = worksheet_write_boolean(sheet, row, col, *flag ? 1 : 0, nullptr);
      } else {
        error = worksheet_write_number(sheet, row, col, std::get<double>(cell), nullptr);
      }
      check(error, "cannot write a cell");
    }
  }
}

std::string XlsxWorkbook::finish() {
  lxw_error error = workbook_close(workbook_);
  workbook_ = nullptr;
  check(error, "cannot write the workbook");
  std::ifstream in(file_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("cannot read the workbook back");
  return bytes;
}

std::string render_xlsx(const std::vector<Table>& tables) {
  XlsxWorkbook workbook;
  for (const auto& table : tables)
    workbook.add_sheet(table);
  return workbook.finish();
}

}  // namespace admit
