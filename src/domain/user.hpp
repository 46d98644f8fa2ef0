#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/role.hpp"
#include "domain/time.hpp"

namespace admit {

// An account that may sign in. The password is kept only as an argon2id hash string.
struct User {
  std::string id;
  std::string username;  // unique, compared ignoring ASCII case
  std::string password_hash;
  Role role = Role::kViewer;
  bool disabled = false;
  TimePoint created_at{};
  TimePoint updated_at{};
};

inline constexpr std::size_t kMinPasswordLength = 8;
// Bounds the work an attacker can make the hasher do with one request.
inline constexpr std::size_t kMaxPasswordLength = 1024;

// Empty when acceptable, else what is wrong (the message names the rule).
std::string check_username(std::string_view username);
std::string check_password(std::string_view password);

}  // namespace admit
