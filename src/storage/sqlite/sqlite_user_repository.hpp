#pragma once

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/user_repository.hpp"

namespace admit {

class SqliteUserRepository : public UserRepository {
 public:
  explicit SqliteUserRepository(SqliteConnection& db) : db_(db) {}

  std::optional<User> find(const std::string& id) override;
  std::optional<User> find_by_username(const std::string& username) override;
  std::vector<User> list() override;
  std::int64_t count() override;
  std::int64_t count_active_admins() override;
  void insert(const User& user) override;
  void update(const User& user) override;
  bool remove(const std::string& id) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
