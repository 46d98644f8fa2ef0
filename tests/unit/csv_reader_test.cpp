#include "import/csv_reader.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows rows_of(std::string_view text) {
  auto table = read_csv(text);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? table->rows : Rows{};
}

TEST(CsvReader, ReadsPlainRowsWithLfOrCrlf) {
  EXPECT_EQ(rows_of("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(rows_of("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(rows_of("a,b\r1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(rows_of("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));  // no final line break
}

TEST(CsvReader, KeepsEmptyFieldsAndBlankLines) {
  EXPECT_EQ(rows_of("a,,c,\n\n1\n"), (Rows{{"a", "", "c", ""}, {""}, {"1"}}));
  EXPECT_EQ(rows_of(""), Rows{});
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  EXPECT_EQ(rows_of("\"Doe, Jane\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\nx,\"a\nb\"\n"),
            (Rows{{"Doe, Jane", "say \"hi\"", "two\r\nlines", ""}, {"x", "a\nb"}}));
}

TEST(CsvReader, AQuoteInsideAnUnquotedFieldIsData) { EXPECT_EQ(rows_of("5\" disk,b\n"), (Rows{{"5\" disk", "b"}})); }

TEST(CsvReader, DropsTheByteOrderMarkAndKeepsUtf8) {
  EXPECT_EQ(rows_of("\xEF\xBB\xBFname\nJos\xC3\xA9 \xE5\xB1\xB1\xE7\x94\xB0\n"),
            (Rows{{"name"}, {"Jos\xC3\xA9 \xE5\xB1\xB1\xE7\x94\xB0"}}));
}

TEST(CsvReader, RefusesBrokenQuotingAndNonUtf8) {
  auto unterminated = read_csv("a\n\"open,b\nc\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error().kind, ErrorKind::kBadRequest);
  EXPECT_EQ(unterminated.error().message, "Invalid CSV file: unterminated quoted field (line 2)");
  EXPECT_EQ(read_csv("\"a\"b,c\n").error().message, "Invalid CSV file: text after a closing quote (line 1)");
  EXPECT_EQ(read_csv("caf\xE9\n").error().message, "Invalid CSV file: the text is not UTF-8");
  EXPECT_FALSE(read_csv(std::string("a\0b", 3)).ok());
}

TEST(CsvReader, Utf8TextCheck) {
  EXPECT_TRUE(is_utf8_text("plain \xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_utf8_text("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_utf8_text("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_utf8_text("\xC3"));          // truncated
}

}  // namespace
}  // namespace admit
