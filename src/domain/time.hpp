#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace admit {

// Every instant in admit is UTC with millisecond precision, as on the reference's wire.
using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;
using Minutes = std::chrono::minutes;

// "2026-01-15T09:00:00.000Z"
std::string format_iso8601(TimePoint t);

// Accepts the ISO 8601 forms clients send: a date ("2026-01-15", midnight UTC) or a date-time
// with optional seconds and fraction, and "Z", "+hh:mm", "+hhmm" or no offset (taken as UTC).
std::optional<TimePoint> parse_iso8601(std::string_view text);

TimePoint from_unix_ms(std::int64_t ms);
std::int64_t to_unix_ms(TimePoint t);

}  // namespace admit
