#pragma once

#include "storage/session_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteSessionRepository : public SessionRepository {
 public:
  explicit SqliteSessionRepository(SqliteConnection& db) : db_(db) {}

  std::optional<Session> find(const std::string& id) override;
  Page<Session> list(const SessionFilter& filter, const PageRequest& page) override;
  std::vector<Session> upcoming_open(TimePoint now, int limit) override;
  std::vector<Session> schedulable() override;
  SessionStats stats(TimePoint now) override;
  std::vector<SessionSheetRow> sheets(int limit) override;
  void insert(const Session& session) override;
  void update(const Session& session) override;
  bool remove(const std::string& id) override;
  void set_check_ins_count(const std::string& id, int count, TimePoint now) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
