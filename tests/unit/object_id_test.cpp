#include "domain/object_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "unit_support.hpp"

namespace admit {
namespace {

TEST(IsObjectId, ExactlyTwentyFourHexDigits) {
  EXPECT_TRUE(is_object_id("65a0c0ffee0000000000a001"));
  EXPECT_TRUE(is_object_id("65A0C0FFEE0000000000A001"));
  EXPECT_TRUE(is_object_id("000000000000000000000000"));
  EXPECT_FALSE(is_object_id(""));
  EXPECT_FALSE(is_object_id("65a0c0ffee0000000000a00"));
  EXPECT_FALSE(is_object_id("65a0c0ffee0000000000a0011"));
  EXPECT_FALSE(is_object_id("65a0c0ffee0000000000a00g"));
  EXPECT_FALSE(is_object_id(" 65a0c0ffee0000000000a00"));
  // The reference's path check let any 12-character string through; admit does not.
  EXPECT_FALSE(is_object_id("abcdefghijkl"));
}

TEST(ObjectIdGenerator, LayoutIsSecondsThenProcessBytesThenCounter) {
  FakeClock clock(kNineAm);  // 1768467600 s = 0x6968ac90
  // First draw seeds the counter, the second the five process bytes (low byte first).
  SequenceRandom random({0x00000000000abcdeULL, 0x0000000504030201ULL});
  ObjectIdGenerator ids(clock, random);
  EXPECT_EQ(ids.next(),
            "6968ac90"
            "0102030405"
            "0abcde");
  EXPECT_EQ(ids.next(),
            "6968ac90"
            "0102030405"
            "0abcdf");
  EXPECT_EQ(random.calls(), 2u);  // no randomness per id
}

TEST(ObjectIdGenerator, TimestampPrefixComesFromTheInjectedClock) {
  FakeClock clock(from_unix_ms(0));
  SequenceRandom random({0, 0});
  ObjectIdGenerator ids(clock, random);
  EXPECT_EQ(ids.next().substr(0, 8), "00000000");
  clock.set(from_unix_ms(1999));  // milliseconds are dropped
  EXPECT_EQ(ids.next().substr(0, 8), "00000001");
  clock.set(from_unix_ms(std::int64_t{0xfedcba98} * 1000 + 999));
  EXPECT_EQ(ids.next().substr(0, 8), "fedcba98");
}

TEST(ObjectIdGenerator, IdsAreLowercaseHexValidAndIncreasing) {
  FakeClock clock(kNineAm);
  SequenceRandom random({0x10, 0xffffffffffULL});
  ObjectIdGenerator ids(clock, random);
  const std::regex shape("^[0-9a-f]{24}$");
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    if (i % 100 == 0) clock.advance(std::chrono::seconds(1));
    std::string id = ids.next();
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    EXPECT_TRUE(is_object_id(id));
    EXPECT_LT(previous, id);
    seen.insert(id);
    previous = id;
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(ObjectIdGenerator, LaterSecondSortsAfterAnyCounterValue) {
  FakeClock clock(kNineAm);
  SequenceRandom random({0xfffffe, 0});
  ObjectIdGenerator ids(clock, random);
  std::string first = ids.next();
  EXPECT_EQ(first.substr(18), "fffffe");
  clock.advance(std::chrono::seconds(1));
  std::string second = ids.next();
  EXPECT_EQ(second.substr(18), "ffffff");
  clock.advance(std::chrono::seconds(1));
  std::string third = ids.next();
  EXPECT_EQ(third.substr(18), "000000");  // the counter wraps at 24 bits, as MongoDB's does
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

}  // namespace
}  // namespace admit
