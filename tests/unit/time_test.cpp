#include <gtest/gtest.h>

#include <cstdint>

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

TEST(Iso8601, FormatsBeforeTheEpochAndFarAhead) {
  EXPECT_EQ(format_iso8601(from_unix_ms(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(from_unix_ms(951782400000)), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(from_unix_ms(253402300799999)), "9999-12-31T23:59:59.999Z");
}

TEST(Iso8601, RoundTripsWhatItFormats) {
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{1}, std::int64_t{1768467600123}, std::int64_t{-86400001},
                          std::int64_t{4102444799999}}) {
    auto parsed = parse_iso8601(format_iso8601(from_unix_ms(ms)));
    ASSERT_TRUE(parsed) << ms;
    EXPECT_EQ(to_unix_ms(*parsed), ms);
  }
}

TEST(Iso8601, FractionsAreTruncatedToMilliseconds) {
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00.1Z")), 1768467600100);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00.12Z")), 1768467600120);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00.123999Z")), 1768467600123);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00,5Z")), 1768467600500);
  EXPECT_FALSE(parse_iso8601("2026-01-15T09:00:00.Z"));
}

TEST(Iso8601, OffsetsInEveryAcceptedSpelling) {
  const std::int64_t nine = 1768467600000;
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00Z")), nine);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15t09:00:00z")), nine);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15 09:00:00Z")), nine);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T09:00:00")), nine);  // no offset: UTC
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T10:30:00+0130")), nine);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-15T04:00:00-05:00")), nine);
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-14T23:00:00-10:00")), nine);
  // An offset can move the instant across a day boundary.
  EXPECT_EQ(to_unix_ms(*parse_iso8601("2026-01-01T00:30:00+01:00")), 1767223800000);
}

TEST(Iso8601, LeapDaysFollowTheCalendar) {
  EXPECT_TRUE(parse_iso8601("2024-02-29"));
  EXPECT_TRUE(parse_iso8601("2000-02-29"));
  EXPECT_FALSE(parse_iso8601("2026-02-29"));
  EXPECT_FALSE(parse_iso8601("1900-02-29"));
}

TEST(Iso8601, RefusesOutOfRangeFields) {
  for (const char* bad :
       {"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31", "2026-01-15T24:00Z", "2026-01-15T09:60Z",
        "2026-01-15T09:00:60Z", "2026-01-15T09:00+24:00", "2026-01-15T09:00+01:60"}) {
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  }
}

TEST(Iso8601, RefusesMalformedShapes) {
  for (const char* bad : {"2026", "2026-01", "26-01-15", "2026-1-15", "2026/01/15", "2026-01-15T", "2026-01-15T09",
                          "2026-01-15T9:00Z", "2026-01-15T09:00:0Z", "2026-01-15T09:00+1", "2026-01-15T09:00 Z",
                          "2026-01-15X09:00Z", " 2026-01-15", "2026-01-15 ", "+2026-01-15", "2026-01-15T09:00:00ZZ"}) {
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  }
}

TEST(UnixMs, ConvertsBothWays) {
  EXPECT_EQ(to_unix_ms(from_unix_ms(0)), 0);
  EXPECT_EQ(to_unix_ms(from_unix_ms(-5)), -5);
  EXPECT_EQ(to_unix_ms(from_unix_ms(1768467600123)), 1768467600123);
}

}  // namespace
}  // namespace admit
