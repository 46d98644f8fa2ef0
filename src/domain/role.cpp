#include "domain/role.hpp"

namespace admit {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kPublic:
      return "public";
    case Role::kViewer:
      return "viewer";
    case Role::kStaff:
      return "staff";
    case Role::kAdmin:
      return "admin";
  }
  return "admin";
}

std::optional<Role> parse_account_role(std::string_view text) {
  if (text == "viewer") return Role::kViewer;
  if (text == "staff") return Role::kStaff;
  if (text == "admin") return Role::kAdmin;
  return std::nullopt;
}

}  // namespace admit
