#pragma once

#include <optional>
#include <string>

#include "domain/time.hpp"

namespace admit {

// A bearer token as stored: only its hash, never the token itself, so that a copy of the data
// file does not let anyone in. `kind` is "session" (from a login) or "api".
struct AuthToken {
  std::string token_hash;  // hex BLAKE2b-256 of the token
  std::string user_id;
  std::string kind = "session";
  std::string csrf_token;
  TimePoint created_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> last_used_at;
  std::optional<TimePoint> revoked_at;
};

// A valid token joined with its account: what authenticating a request needs.
struct ActiveToken {
  std::string token_hash;
  std::string user_id;
  std::string username;
  int role = 0;  // Role as int keeps storage free of the enum's header
  std::string csrf_token;
  TimePoint expires_at{};
};

}  // namespace admit
