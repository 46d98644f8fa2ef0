#include <gtest/gtest.h>

#include "domain/time.hpp"

namespace admit {
namespace {

TEST(Iso8601, FormatsWithMillisecondsAndZ) {
  EXPECT_EQ(format_iso8601(from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(from_unix_ms(1768467600123)), "2026-01-15T09:00:00.123Z");
}

TEST(Iso8601, ParsesTheFormsClientsSend) {
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00.123Z")), 1768467600123);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T10:00:00+01:00")), 1768467600000);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00Z")), 1768467600000);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15")), 1768435200000);
}

TEST(Iso8601, RefusesWhatIsNotADate) {
  EXPECT_FALSE(parse_iso8601(""));
  EXPECT_FALSE(parse_iso8601("tomorrow"));
  EXPECT_FALSE(parse_iso8601("2026-02-30"));
  EXPECT_FALSE(parse_iso8601("2026-01-15T25:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-01-15T09:00:00Zjunk"));
}

}  // namespace
}  // namespace admit
