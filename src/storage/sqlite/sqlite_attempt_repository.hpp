#pragma once

#include "storage/attempt_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteAttemptRepository : public AttemptRepository {
 public:
  explicit SqliteAttemptRepository(SqliteConnection& db) : db_(db) {}

  Page<CheckInAttempt> list(const AttemptFilter& filter, const PageRequest& page) override;
  AttemptStats stats(const std::optional<std::string>& session_id) override;
  void insert(const CheckInAttempt& attempt) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
