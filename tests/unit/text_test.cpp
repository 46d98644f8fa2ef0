#include "domain/text.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

TEST(Trim, RemovesAsciiWhiteSpaceAtBothEnds) {
  EXPECT_EQ(trim("  Jane Doe \t"), "Jane Doe");
  EXPECT_EQ(trim("\r\n\f\vx\v\f\n\r"), "x");
  EXPECT_EQ(trim("no-space"), "no-space");
}

TEST(Trim, KeepsInnerWhiteSpace) { EXPECT_EQ(trim(" a  b\tc "), "a  b\tc"); }

TEST(Trim, BlankBecomesEmpty) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" "), "");
  EXPECT_EQ(trim(" \t\r\n\f\v "), "");
}

TEST(Trim, LeavesNonAsciiAlone) {
  // A no-break space (U+00A0) is not ASCII white space.
  EXPECT_EQ(trim("\xc2\xa0x\xc2\xa0"), "\xc2\xa0x\xc2\xa0");
  EXPECT_EQ(trim(" \xc3\xa9t\xc3\xa9 "), "\xc3\xa9t\xc3\xa9");
}

TEST(Trim, SingleCharacter) {
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(trim(" x"), "x");
  EXPECT_EQ(trim("x "), "x");
}

}  // namespace
}  // namespace admit
