// The reports' attendance rate (contract §3.5 RP2): JavaScript's toFixed(2) plus "%", "0%" without
// registrations.
#include "domain/attendance_rate.hpp"

#include <gtest/gtest.h>

namespace admit {
namespace {

TEST(AttendanceRate, AsTheReferenceWritesIt) {
  EXPECT_EQ(attendance_rate(50, 60), "83.33%");
  EXPECT_EQ(attendance_rate(50, 50), "100.00%");
  EXPECT_EQ(attendance_rate(0, 5), "0.00%");
  EXPECT_EQ(attendance_rate(2, 3), "66.67%");
  EXPECT_EQ(attendance_rate(1, 8), "12.50%");
  EXPECT_EQ(attendance_rate(7, 4), "175.00%");  // people checked in without registering
}

TEST(AttendanceRate, ZeroRegistrationsIsZeroPercent) {
  EXPECT_EQ(attendance_rate(0, 0), "0%");
  EXPECT_EQ(attendance_rate(3, 0), "0%");
}

TEST(ToFixed2, RoundsTheExactValueHalfUpAsJavaScript) {
  EXPECT_EQ(to_fixed_2(0.125), "0.13");     // an exact tie: printf would say 0.12
  EXPECT_EQ(to_fixed_2(1.005), "1.00");     // 1.00499999999999989...
  EXPECT_EQ(to_fixed_2(99.995), "100.00");  // 99.99500000000000454..., carried into a new digit
  EXPECT_EQ(to_fixed_2(9.999), "10.00");
  EXPECT_EQ(to_fixed_2(0), "0.00");
}

}  // namespace
}  // namespace admit
