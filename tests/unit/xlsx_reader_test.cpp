#include "import/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "unit_support.hpp"

namespace admit {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class XlsxReaderTest : public ::testing::Test {
 protected:
  // A workbook written by libxlsxwriter; `fill` writes the first sheet. constant_memory makes
  // libxlsxwriter write inline strings instead of the shared string table.
  std::string workbook(const std::function<void(lxw_worksheet*)>& fill, bool constant_memory = false) {
    auto path = dir_.file("book.xlsx").string();
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* first = workbook_add_worksheet(wb, "Participants");
    lxw_worksheet* second = workbook_add_worksheet(wb, "Other");
    fill(first);
    worksheet_write_string(second, 0, 0, "not this sheet", nullptr);
    EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
    return slurp(path);
  }

  Rows rows_of(const std::string& bytes, const XlsxLimits& limits = {}) {
    auto table = read_xlsx(bytes, limits);
    EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
    return table.ok() ? table->rows : Rows{};
  }

  TempDir dir_;
};

TEST_F(XlsxReaderTest, ReadsSharedStringsFromTheFirstSheet) {
  auto bytes = workbook([](lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "name", nullptr);
    worksheet_write_string(ws, 0, 1, "email", nullptr);
    worksheet_write_string(ws, 1, 0, "Jos\xC3\xA9 & <Ana>", nullptr);
    worksheet_write_string(ws, 1, 1, "jose@x.org", nullptr);
  });
  EXPECT_TRUE(looks_like_zip(bytes));
  EXPECT_EQ(rows_of(bytes), (Rows{{"name", "email"}, {"Jos\xC3\xA9 & <Ana>", "jose@x.org"}}));
}

TEST_F(XlsxReaderTest, ReadsInlineStrings) {
  auto bytes = workbook(
      [](lxw_worksheet* ws) {
        worksheet_write_string(ws, 0, 0, "name", nullptr);
        worksheet_write_string(ws, 1, 0, "Bo", nullptr);
      },
      true);
  EXPECT_EQ(rows_of(bytes), (Rows{{"name"}, {"Bo"}}));
}

TEST_F(XlsxReaderTest, FormatsNumbersAndBooleans) {
  auto bytes = workbook([](lxw_worksheet* ws) {
    worksheet_write_number(ws, 0, 0, 4915112345678.0, nullptr);
    worksheet_write_number(ws, 0, 1, 12.5, nullptr);
    worksheet_write_number(ws, 0, 2, -3.0, nullptr);
    worksheet_write_number(ws, 0, 3, 0.1, nullptr);
    worksheet_write_boolean(ws, 0, 4, 1, nullptr);
    worksheet_write_boolean(ws, 0, 5, 0, nullptr);
  });
  EXPECT_EQ(rows_of(bytes), (Rows{{"4915112345678", "12.5", "-3", "0.1", "TRUE", "FALSE"}}));
}

TEST_F(XlsxReaderTest, PlacesCellsByTheirReferences) {
  auto bytes = workbook([](lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "a", nullptr);
    worksheet_write_string(ws, 2, 2, "c3", nullptr);  // C3: row 2 and columns A, B are empty
    worksheet_write_string(ws, 3, 27, "ab4", nullptr);
  });
  Rows expected = {{"a"}, {}, {"", "", "c3"}, std::vector<std::string>(28)};
  expected[3][27] = "ab4";
  EXPECT_EQ(rows_of(bytes), expected);
}

TEST_F(XlsxReaderTest, ReadsAWorkbookWrittenByOpenpyxl) {
  // Debian's interpreter, where python3-openpyxl is installed.
  const std::filesystem::path script =
      std::filesystem::path(__FILE__).parent_path().parent_path() / "tools" / "make_xlsx.py";
  if (std::system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) GTEST_SKIP() << "no openpyxl";
  auto out = dir_.file("openpyxl.xlsx");
  std::string rows = R"([["name","email","organization","phone"],)"
                     R"(["Zo\u00eb","zoe@x.org",null,4915112345678],[" Bo ","bo@x.org","ACME",null],)"
                     R"([null,null,null,null],["Cy","cy@x.org",true,1.5]])";
  std::string command = "/usr/bin/python3 '" + script.string() + "' '" + out.string() + "' '" + rows + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(rows_of(slurp(out)), (Rows{{"name", "email", "organization", "phone"},
                                       {"Zo\xC3\xAB", "zoe@x.org", "", "4915112345678"},
                                       {" Bo ", "bo@x.org", "ACME"},
                                       {},
                                       {"Cy", "cy@x.org", "TRUE", "1.5"}}));
}

TEST_F(XlsxReaderTest, RefusesWhatIsNotAWorkbook) {
  auto not_zip = read_xlsx("name,email\n");
  ASSERT_FALSE(not_zip.ok());
  EXPECT_EQ(not_zip.error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(not_zip.error().message, "Invalid Excel file: not a zip archive");
  auto truncated = workbook([](lxw_worksheet* ws) { worksheet_write_string(ws, 0, 0, "x", nullptr); });
  EXPECT_FALSE(read_xlsx(truncated.substr(0, truncated.size() / 2)).ok());
}

TEST_F(XlsxReaderTest, StopsInflatingPastTheLimit) {
  auto bytes = workbook([](lxw_worksheet* ws) {
    for (lxw_row_t r = 0; r < 20000; ++r)
      worksheet_write_string(ws, r, 0, "the same text compresses very well", nullptr);
  });
  ASSERT_LT(bytes.size(), 200U * 1024);
  auto limited = read_xlsx(bytes, XlsxLimits{.max_uncompressed_bytes = 256 * 1024});
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().message, "Invalid Excel file: the workbook is too large when uncompressed");
  EXPECT_EQ(rows_of(bytes).size(), 20000U);
  auto few_cells = read_xlsx(bytes, XlsxLimits{.max_cells = 100});
  ASSERT_FALSE(few_cells.ok());
  EXPECT_EQ(few_cells.error().message, "Invalid Excel file: too many cells");
}

}  // namespace
}  // namespace admit
