#pragma once

#include <optional>
#include <string_view>

namespace admit {

// What a caller may do, in increasing order: a route names the least role it needs. kPublic is
// only ever a route's requirement (anyone, no credentials); accounts are viewer, staff or admin.
enum class Role { kPublic = 0, kViewer = 1, kStaff = 2, kAdmin = 3 };

std::string_view to_string(Role role);
// "viewer", "staff" or "admin" (an account's role); anything else is nullopt.
std::optional<Role> parse_account_role(std::string_view text);
inline bool satisfies(Role held, Role required) { return static_cast<int>(held) >= static_cast<int>(required); }

}  // namespace admit
