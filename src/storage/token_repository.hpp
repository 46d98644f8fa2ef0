#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/auth_token.hpp"

namespace admit {

class TokenRepository {
 public:
  virtual ~TokenRepository() = default;
  virtual void insert(const AuthToken& token) = 0;
  // Unrevoked, unexpired tokens of enabled accounts.
  virtual std::vector<ActiveToken> active(TimePoint now) = 0;
  virtual std::optional<ActiveToken> find_active(const std::string& token_hash, TimePoint now) = 0;
  virtual bool revoke(const std::string& token_hash, TimePoint now) = 0;
  // Every token of an account (password change, disabling, removal); returns how many.
  virtual std::int64_t revoke_for_user(const std::string& user_id, TimePoint now) = 0;
  virtual void touch(const std::vector<std::pair<std::string, TimePoint>>& last_used) = 0;
  // Drops rows that expired or were revoked before `before` (they can never authenticate again).
  virtual std::int64_t purge(TimePoint before) = 0;
};

}  // namespace admit
