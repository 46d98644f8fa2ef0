// The .xlsx renderer (src/render/xlsx_workbook) read back by openpyxl, an independent reader.
#include "render/xlsx_workbook.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "../support/spreadsheet_reader.hpp"

namespace admit {
namespace {

std::size_t admit_temp_files() {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    if (entry.path().filename().string().rfind("admit-", 0) == 0 && entry.path().extension() == ".xlsx") ++n;
  return n;
}

TEST(XlsxWorkbook, SheetsHeadersAndCellsOfEveryKind) {
  XlsxWorkbook workbook;
  workbook.add_sheet(Table{"Report",
                           {"name", "count", "open", "note"},
                           {{std::string("Zoë, \"the\" Müller"), 3.0, true, std::string("a\nb")},
                            {std::string("Jane"), 2.5, false, std::string("")}}});
  workbook.add_sheet(Table{"Check-ins", {"x"}, {}});
  std::string bytes = workbook.finish();
  ASSERT_GT(bytes.size(), 100U);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip archive

  auto book = test::read_xlsx(bytes);
  EXPECT_EQ(test::sheet_names(book), (std::vector<std::string>{"Report", "Check-ins"}));
  auto rows = test::sheet_rows(book, "Report");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], nlohmann::ordered_json::parse(R"(["name","count","open","note"])"));
  EXPECT_EQ(rows[1][0], "Zoë, \"the\" Müller");
  EXPECT_EQ(rows[1][1], 3);
  EXPECT_EQ(rows[1][2], true);
  EXPECT_EQ(rows[1][3], "a\nb");
  EXPECT_EQ(rows[2][1], 2.5);
  EXPECT_EQ(rows[2][2], false);
  EXPECT_TRUE(rows[2][3].is_null());
  EXPECT_EQ(test::sheet_rows(book, "Check-ins"), nlohmann::ordered_json::parse(R"([["x"]])"));
}

TEST(XlsxWorkbook, LeavesNoTemporaryFileBehind) {
  std::size_t before = admit_temp_files();
  { render_xlsx({Table{"Report", {"a"}, {{std::string("1")}}}}); }
  {
    XlsxWorkbook abandoned;
    abandoned.add_sheet(Table{"Report", {"a"}, {}});
  }
  EXPECT_EQ(admit_temp_files(), before);
}

TEST(XlsxWorkbook, AnInvalidSheetNameIsAnError) {
  XlsxWorkbook workbook;
  EXPECT_THROW(workbook.add_sheet(Table{"bad/name", {"a"}, {}}), std::runtime_error);
}

}  // namespace
}  // namespace admit
