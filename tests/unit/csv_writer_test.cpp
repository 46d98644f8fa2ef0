// The CSV renderer (src/render/csv_writer): RFC 4180 quoting, CRLF records, the UTF-8 byte-order
// mark that Excel needs for accents, and the multi-table layout.
#include "render/csv_writer.hpp"

#include <gtest/gtest.h>

#include "../support/spreadsheet_reader.hpp"

namespace admit {
namespace {

TEST(CsvField, PlainTextIsLeftAlone) {
  EXPECT_EQ(csv_field("Jane Doe"), "Jane Doe");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("it's; fine"), "it's; fine");
}

TEST(CsvField, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv_field("Doe, Jane"), "\"Doe, Jane\"");
  EXPECT_EQ(csv_field("the \"Hub\""), "\"the \"\"Hub\"\"\"");
  EXPECT_EQ(csv_field("line 1\nline 2"), "\"line 1\nline 2\"");
  EXPECT_EQ(csv_field("line 1\r\nline 2"), "\"line 1\r\nline 2\"");
  EXPECT_EQ(csv_field("cr\ronly"), "\"cr\ronly\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(CsvWriter, StartsWithTheByteOrderMarkAndEndsRecordsWithCrlf) {
  CsvWriter csv;
  csv.row(std::vector<std::string>{"a", "b"});
  csv.row(std::vector<std::string>{"1", "2"});
  EXPECT_EQ(csv.take(),
            "\xEF\xBB\xBF"
            "a,b\r\n1,2\r\n");
}

TEST(CsvWriter, Utf8IsWrittenAsIs) {
  CsvWriter csv;
  csv.row(std::vector<std::string>{"Zoë Müller", "Université de Montréal", "東京"});
  EXPECT_EQ(csv.take(),
            "\xEF\xBB\xBF"
            "Zoë Müller,Université de Montréal,東京\r\n");
}

TEST(CsvWriter, CellsOfEveryKind) {
  CsvWriter csv;
  csv.row(std::vector<Cell>{std::string("x"), 42.0, 2.5, true, false, std::string("")});
  EXPECT_EQ(csv.take(),
            "\xEF\xBB\xBF"
            "x,42,2.5,true,false,\r\n");
}

TEST(CsvWriter, TakeEmptiesTheWriter) {
  CsvWriter csv;
  csv.row(std::vector<std::string>{"a"});
  csv.take();
  EXPECT_EQ(csv.take(), "");
}

TEST(RenderCsv, RoundTripsThroughAnIndependentParser) {
  Table table{"Report",
              {"name", "note"},
              {{std::string("Doe, Jane"), std::string("said \"hi\"\r\nthen left")},
               {std::string("Zoë"), std::string("a\nb")},
               {std::string(""), std::string("plain")}}};
  std::string text = render_csv(table);
  ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0U);
  auto records = test::parse_csv(text.substr(3));
  std::vector<std::vector<std::string>> expected = {
      {"name", "note"}, {"Doe, Jane", "said \"hi\"\r\nthen left"}, {"Zoë", "a\nb"}, {"", "plain"}};
  EXPECT_EQ(records, expected);
}

TEST(RenderCsv, SeveralTablesAreSectionsSeparatedByABlankLine) {
  std::vector<Table> tables = {Table{"Summary", {"field", "value"}, {{std::string("Total"), 3.0}}},
                               Table{"Check-ins", {"name"}, {{std::string("Jane")}}}};
  EXPECT_EQ(render_csv(tables),
            "\xEF\xBB\xBF"
            "Summary\r\nfield,value\r\nTotal,3\r\n\r\nCheck-ins\r\nname\r\nJane\r\n");
}

TEST(CellText, NumbersWithoutATrailingZero) {
  EXPECT_EQ(cell_text(Cell{0.0}), "0");
  EXPECT_EQ(cell_text(Cell{-7.0}), "-7");
  EXPECT_EQ(cell_text(Cell{83.25}), "83.25");
  EXPECT_EQ(cell_text(Cell{true}), "true");
}

}  // namespace
}  // namespace admit
