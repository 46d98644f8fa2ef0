#include "domain/user.hpp"

#include "domain/text.hpp"

namespace admit {

std::string check_username(std::string_view username) {
  if (username.empty() || username.size() > 64) return "username must be 1 to 64 characters long";
  for (unsigned char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-' || c == '@';
    if (!ok) return "username may contain only letters, digits and . _ - @";
  }
  return {};
}

std::string check_password(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return "password must be at least " + std::to_string(kMinPasswordLength) + " characters long";
  }
  if (password.size() > kMaxPasswordLength) {
    return "password must be at most " + std::to_string(kMaxPasswordLength) + " characters long";
  }
  if (!is_utf8(password)) return "password must be valid UTF-8";
  return {};
}

}  // namespace admit
