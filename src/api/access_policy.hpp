#pragma once

#include <string>
#include <vector>

#include "domain/role.hpp"
#include "http/router.hpp"

namespace admit {

struct AccessRule {
  bhttp::verb method;
  std::string_view pattern;
  Role role;
};

// Who may call which route, in one table (access_policy.cpp). Routes not in the table stay
// admin-only (deny by default).
const std::vector<AccessRule>& access_rules();
// Sets every route's role from the table; returns "METHOD pattern" of the routes it does not
// list, which the server logs at start and a test requires to be empty.
std::vector<std::string> apply_access_policy(Router& router);

}  // namespace admit
