// The .xlsx renderer (src/render/xlsx_workbook) read back by openpyxl, an independent reader.
#include "render/xlsx_workbook.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>

#include "../support/spreadsheet_reader.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

// Points TMPDIR (which std::filesystem::temp_directory_path reads) at `dir` while it lives, so that
// temporary files of other processes running at the same time (ctest -j, servers rendering
// exports) are not counted.
class TmpdirOverride {
 public:
  explicit TmpdirOverride(const std::filesystem::path& dir) {
    if (const char* old = std::getenv("TMPDIR")) previous_ = old;
    setenv("TMPDIR", dir.c_str(), 1);
  }
  ~TmpdirOverride() {
    if (previous_) {
      setenv("TMPDIR", previous_->c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }
  TmpdirOverride(const TmpdirOverride&) = delete;
  TmpdirOverride& operator=(const TmpdirOverride&) = delete;

 private:
  std::optional<std::string> previous_;
};

std::size_t files_in(const std::filesystem::path& dir) {
  auto entries = std::filesystem::directory_iterator(dir);
  return static_cast<std::size_t>(std::distance(begin(entries), end(entries)));
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
  TempDir dir;
  TmpdirOverride tmp(dir.path());
  { render_xlsx({Table{"Report", {"a"}, {{std::string("1")}}}}); }
  {
    XlsxWorkbook abandoned;
    abandoned.add_sheet(Table{"Report", {"a"}, {}});
    EXPECT_GE(files_in(dir.path()), 1U) << "the workbook is written to a temporary file under TMPDIR";
  }
  EXPECT_EQ(files_in(dir.path()), 0U);
}

TEST(XlsxWorkbook, AnInvalidSheetNameIsAnError) {
  XlsxWorkbook workbook;
  EXPECT_THROW(workbook.add_sheet(Table{"bad/name", {"a"}, {}}), std::runtime_error);
}

}  // namespace
}  // namespace admit
