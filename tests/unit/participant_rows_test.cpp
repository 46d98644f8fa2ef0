#include "import/participant_rows.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

TextSheet table(std::vector<std::vector<std::string>> rows) { return TextSheet{std::move(rows)}; }

TEST(ParticipantRows, MapsTheNamedColumnsAndTrimsCells) {
  auto out = participant_rows(table({
      {"extra", "\xEF\xBB\xBF name ", "email", " phone", "organization"},
      {"x", "  Ana  ", " ana@x.org ", "", "ACME"},
      {"y", "Bo", "bo@x.org", "4915112345678", ""},
  }));
  ASSERT_EQ(out.rows.size(), 2U);
  EXPECT_TRUE(out.rejected.empty());
  EXPECT_EQ(out.rows[0].row, 2);
  EXPECT_EQ(out.rows[0].fields.name.value(), "Ana");
  EXPECT_EQ(out.rows[0].fields.email.value(), "ana@x.org");
  EXPECT_EQ(out.rows[0].fields.organization.value(), "ACME");
  EXPECT_FALSE(out.rows[0].fields.phone);  // empty cells are absent
  EXPECT_EQ(out.rows[1].fields.phone.value(), "4915112345678");
  EXPECT_FALSE(out.rows[1].fields.organization);
}

TEST(ParticipantRows, HeadersAreCaseSensitive) {
  auto out = participant_rows(table({{"Name", "EMAIL"}, {"Ana", "ana@x.org"}}));
  EXPECT_TRUE(out.rows.empty());
  ASSERT_EQ(out.rejected.size(), 1U);
  EXPECT_EQ(out.rejected[0].email, "unknown");
  EXPECT_EQ(out.rejected[0].error, "Name and email are required");
}

TEST(ParticipantRows, RejectsMissingValuesInvalidEmailsAndLongValues) {
  auto out = participant_rows(table({
      {"name", "email", "phone"},
      {"", "a@x.org"},
      {"Bo"},
      {"Cy", "not-an-email"},
      {std::string(201, 'n'), "d@x.org"},
      {"Ed", "e@x.org", std::string(51, '1')},
  }));
  EXPECT_TRUE(out.rows.empty());
  ASSERT_EQ(out.rejected.size(), 5U);
  EXPECT_EQ(out.rejected[0].row, 2);
  EXPECT_EQ(out.rejected[0].email, "a@x.org");
  EXPECT_EQ(out.rejected[0].error, "Name and email are required");
  EXPECT_EQ(out.rejected[1].email, "unknown");
  EXPECT_EQ(out.rejected[2].error, "email must be an email");
  EXPECT_EQ(out.rejected[3].error, "name must be shorter than or equal to 200 characters");
  EXPECT_EQ(out.rejected[4].error, "phone must be shorter than or equal to 50 characters");
  EXPECT_EQ(out.rejected[4].row, 6);
}

TEST(ParticipantRows, SkipsBlankRowsButKeepsRowNumbers) {
  auto out = participant_rows(table({{}, {"name", "email"}, {"", "  "}, {"Ana", "ana@x.org"}}));
  ASSERT_EQ(out.rows.size(), 1U);
  EXPECT_EQ(out.rows[0].row, 4);  // the spreadsheet's row
  EXPECT_EQ(out.blank, 1U);
}

TEST(ParticipantRows, AnEmptySheetHasNoRows) {
  EXPECT_TRUE(participant_rows(table({})).rows.empty());
  auto header_only = participant_rows(table({{"name", "email"}}));
  EXPECT_TRUE(header_only.rows.empty());
  EXPECT_TRUE(header_only.rejected.empty());
}

}  // namespace
}  // namespace admit
