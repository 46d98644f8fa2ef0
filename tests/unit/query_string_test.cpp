#include "http/query_string.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

TEST(PercentDecode, DecodesEscapesInEitherCase) {
  EXPECT_EQ(percent_decode("a%20b", false), "a b");
  EXPECT_EQ(percent_decode("%41%42%43", false), "ABC");
  EXPECT_EQ(percent_decode("%c3%a9%C3%A9", false), "\xc3\xa9\xc3\xa9");
  EXPECT_EQ(percent_decode("%2B%26%3D", true), "+&=");
  EXPECT_EQ(percent_decode("", true), "");
  EXPECT_EQ(percent_decode("plain", true), "plain");
}

TEST(PercentDecode, KeepsAnEncodedNulByte) {
  auto decoded = percent_decode("a%00b", false);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, std::string("a\0b", 3));
}

TEST(PercentDecode, PlusIsASpaceOnlyWhenAsked) {
  EXPECT_EQ(percent_decode("a+b+", true), "a b ");
  EXPECT_EQ(percent_decode("a+b+", false), "a+b+");
  // An escaped plus is always a plus.
  EXPECT_EQ(percent_decode("%2B", true), "+");
}

TEST(PercentDecode, RefusesMalformedEscapes) {
  EXPECT_FALSE(percent_decode("%", true));
  EXPECT_FALSE(percent_decode("abc%", true));
  EXPECT_FALSE(percent_decode("%4", true));
  EXPECT_FALSE(percent_decode("x%4", true));
  EXPECT_FALSE(percent_decode("%G1", true));
  EXPECT_FALSE(percent_decode("%1G", true));
  EXPECT_FALSE(percent_decode("%%41", true));
  EXPECT_FALSE(percent_decode("ok%20then%zz", false));
}

TEST(ParseQueryString, EmptyInputIsAnEmptyObject) {
  Json q = parse_query_string("");
  EXPECT_TRUE(q.is_object());
  EXPECT_TRUE(q.empty());
}

TEST(ParseQueryString, DecodesKeysAndValuesInOrder) {
  Json q = parse_query_string("page=2&search=Jane+Doe&sort%20by=na%6De&limit=10");
  EXPECT_EQ(q.dump(), R"({"page":"2","search":"Jane Doe","sort by":"name","limit":"10"})");
}

TEST(ParseQueryString, ValuesStayStrings) {
  Json q = parse_query_string("isOpen=true&limit=5");
  EXPECT_EQ(q["isOpen"], "true");
  EXPECT_EQ(q["limit"], "5");
}

TEST(ParseQueryString, RepeatedKeysBecomeArrays) {
  Json q = parse_query_string("a=1&b=x&a=2&a=3");
  EXPECT_EQ(q.dump(), R"({"a":["1","2","3"],"b":"x"})");
  // An empty repeat is still a value.
  EXPECT_EQ(parse_query_string("a=1&a=").dump(), R"({"a":["1",""]})");
}

TEST(ParseQueryString, SkipsEmptyPairsAndEmptyKeys) {
  EXPECT_EQ(parse_query_string("&&a=1&&").dump(), R"({"a":"1"})");
  EXPECT_EQ(parse_query_string("=orphan&b=2").dump(), R"({"b":"2"})");
  EXPECT_EQ(parse_query_string("=").dump(), "{}");
  EXPECT_EQ(parse_query_string("&").dump(), "{}");
}

TEST(ParseQueryString, KeyWithoutEqualsHasAnEmptyValue) {
  EXPECT_EQ(parse_query_string("isOpen").dump(), R"({"isOpen":""})");
  EXPECT_EQ(parse_query_string("isOpen=").dump(), R"({"isOpen":""})");
}

TEST(ParseQueryString, OnlyTheFirstEqualsSplits) {
  EXPECT_EQ(parse_query_string("expr=a=b%3Dc").dump(), R"({"expr":"a=b=c"})");
}

TEST(ParseQueryString, MalformedEscapesAreKeptAsSent) {
  Json q = parse_query_string("search=100%&q%zz=x%2");
  EXPECT_EQ(q.dump(), R"({"search":"100%","q%zz":"x%2"})");
}

TEST(ParseQueryString, EncodedSeparatorsDoNotSplit) {
  Json q = parse_query_string("search=a%26b%3Dc&x=1");
  EXPECT_EQ(q.dump(), R"({"search":"a&b=c","x":"1"})");
}

}  // namespace
}  // namespace admit
