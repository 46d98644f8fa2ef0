#pragma once

#include <cstdint>
#include <string>

namespace admit {

// The reports' attendance rate as the reference writes it: `(checkIns / registrations * 100)
// .toFixed(2) + "%"` ("83.33%", "100.00%", above 100% when people checked in unregistered), or
// "0%" without registrations. JavaScript's toFixed rounds the double's exact value half up, which
// printf does not do on exact ties, so the rounding is done here on the exact decimal expansion.
std::string attendance_rate(std::int64_t check_ins, std::int64_t registrations);

// Number.prototype.toFixed(2) for a finite, non-negative value.
std::string to_fixed_2(double value);

}  // namespace admit
