#pragma once

#include "storage/idempotency_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteIdempotencyRepository : public IdempotencyRepository {
 public:
  explicit SqliteIdempotencyRepository(SqliteConnection& db) : db_(db) {}

  std::optional<IdempotencyRecord> find(const std::string& scope, const std::string& key) override;
  void save(const IdempotencyRecord& record) override;
  int purge_before(TimePoint cutoff) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
