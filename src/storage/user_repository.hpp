#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/user.hpp"

namespace admit {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual std::optional<User> find(const std::string& id) = 0;
  // Ignoring ASCII case.
  virtual std::optional<User> find_by_username(const std::string& username) = 0;
  virtual std::vector<User> list() = 0;
  virtual std::int64_t count() = 0;
  // Enabled admins: the last one may not be removed, demoted or disabled.
  virtual std::int64_t count_active_admins() = 0;
  virtual void insert(const User& user) = 0;
  virtual void update(const User& user) = 0;
  virtual bool remove(const std::string& id) = 0;
};

}  // namespace admit
