#include "domain/capacity.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

Session with_capacity(int capacity, bool enforced = true) {
  Session s;
  s.capacity = capacity;
  s.capacity_enforced = enforced;
  return s;
}

TEST(CapacityInfo, UnlimitedSession) {
  CapacityInfo info = capacity_info(with_capacity(0), 41);
  EXPECT_EQ(info.capacity, 0);
  EXPECT_EQ(info.check_ins_count, 41);
  EXPECT_EQ(info.remaining, -1);
  EXPECT_EQ(info.percent_full, 0);
  EXPECT_FALSE(info.is_near_capacity);
  EXPECT_FALSE(info.is_at_capacity);
}

TEST(CapacityInfo, TheReferenceExample) {
  // Appendix D: capacity 50, 41 inside -> 9 left, 82 %, near capacity.
  CapacityInfo info = capacity_info(with_capacity(50), 41);
  EXPECT_EQ(info.capacity, 50);
  EXPECT_EQ(info.check_ins_count, 41);
  EXPECT_EQ(info.remaining, 9);
  EXPECT_EQ(info.percent_full, 82);
  EXPECT_TRUE(info.is_near_capacity);
  EXPECT_FALSE(info.is_at_capacity);
}

TEST(CapacityInfo, PercentRoundsToNearest) {
  EXPECT_EQ(capacity_info(with_capacity(3), 1).percent_full, 33);   // 33.3
  EXPECT_EQ(capacity_info(with_capacity(3), 2).percent_full, 67);   // 66.7
  EXPECT_EQ(capacity_info(with_capacity(8), 1).percent_full, 13);   // 12.5 rounds up, as Math.round
  EXPECT_EQ(capacity_info(with_capacity(200), 1).percent_full, 1);  // 0.5
  EXPECT_EQ(capacity_info(with_capacity(1000), 4).percent_full, 0);
  EXPECT_EQ(capacity_info(with_capacity(7), 0).percent_full, 0);
  EXPECT_EQ(capacity_info(with_capacity(7), 7).percent_full, 100);
}

TEST(CapacityInfo, NearCapacityFromEightyPercent) {
  EXPECT_FALSE(capacity_info(with_capacity(10), 7).is_near_capacity);
  EXPECT_TRUE(capacity_info(with_capacity(10), 8).is_near_capacity);
  // 79.5 % rounds to 80 and so counts as near, as the reference compares the rounded figure.
  EXPECT_TRUE(capacity_info(with_capacity(200), 159).is_near_capacity);
  EXPECT_FALSE(capacity_info(with_capacity(200), 158).is_near_capacity);  // 79.0
  EXPECT_EQ(kNearCapacityPercent, 80);
}

TEST(CapacityInfo, AtAndOverCapacity) {
  CapacityInfo full = capacity_info(with_capacity(4), 4);
  EXPECT_EQ(full.remaining, 0);
  EXPECT_EQ(full.percent_full, 100);
  EXPECT_TRUE(full.is_at_capacity);
  EXPECT_TRUE(full.is_near_capacity);

  // Overflow only happens with an unenforced limit: remaining floors at 0, percent passes 100.
  CapacityInfo over = capacity_info(with_capacity(4, false), 6);
  EXPECT_EQ(over.remaining, 0);
  EXPECT_EQ(over.percent_full, 150);
  EXPECT_TRUE(over.is_at_capacity);
}

TEST(HasRoom, EnforcedLimit) {
  EXPECT_TRUE(has_room(with_capacity(2), 0));
  EXPECT_TRUE(has_room(with_capacity(2), 1));
  EXPECT_FALSE(has_room(with_capacity(2), 2));
  EXPECT_FALSE(has_room(with_capacity(2), 3));
}

TEST(HasRoom, UnenforcedOrUnlimited) {
  EXPECT_TRUE(has_room(with_capacity(2, false), 2));
  EXPECT_TRUE(has_room(with_capacity(2, false), 100));
  EXPECT_TRUE(has_room(with_capacity(0), 100000));
  EXPECT_TRUE(has_room(with_capacity(0, false), 5));
}

TEST(HasEnforcedLimit, NeedsBothAPositiveCapacityAndEnforcement) {
  EXPECT_TRUE(with_capacity(1).has_enforced_limit());
  EXPECT_FALSE(with_capacity(1, false).has_enforced_limit());
  EXPECT_FALSE(with_capacity(0).has_enforced_limit());
}

}  // namespace
}  // namespace admit
