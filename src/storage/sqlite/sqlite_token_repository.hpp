#pragma once

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/token_repository.hpp"

namespace admit {

class SqliteTokenRepository : public TokenRepository {
 public:
  explicit SqliteTokenRepository(SqliteConnection& db) : db_(db) {}

  void insert(const AuthToken& token) override;
  std::vector<ActiveToken> active(TimePoint now) override;
  std::optional<ActiveToken> find_active(const std::string& token_hash, TimePoint now) override;
  bool revoke(const std::string& token_hash, TimePoint now) override;
  std::int64_t revoke_for_user(const std::string& user_id, TimePoint now) override;
  void touch(const std::vector<std::pair<std::string, TimePoint>>& last_used) override;
  std::int64_t purge(TimePoint before) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
