#pragma once

#include <string>

#include "domain/role.hpp"

namespace admit {

// How the caller proved who they are.
enum class AuthMethod {
  kNone,        // no (valid) credentials
  kBearer,      // Authorization: Bearer <token>
  kCookie,      // the admit_session cookie (writes also need the CSRF header)
  kAdminToken,  // ADMIT_ADMIN_TOKEN
  kOpen,        // access control is off: everyone is an anonymous admin
};

// Who sends a request, as far as access control is concerned.
struct Principal {
  AuthMethod method = AuthMethod::kNone;
  std::string user_id;
  std::string username;
  Role role = Role::kPublic;
  std::string token_hash;             // of the presented token (bearer or cookie), for logout
  std::string csrf_token;             // of that token
  bool rejected_credentials = false;  // credentials were presented but are not valid

  bool authenticated() const { return method != AuthMethod::kNone; }
};

}  // namespace admit
