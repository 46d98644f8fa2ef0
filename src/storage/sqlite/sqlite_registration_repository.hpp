#pragma once

#include "storage/registration_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteRegistrationRepository : public RegistrationRepository {
 public:
  explicit SqliteRegistrationRepository(SqliteConnection& db) : db_(db) {}

  std::optional<Registration> find(const std::string& id) override;
  std::optional<Registration> find_for(const std::string& participant_id, const std::string& session_id) override;
  Page<Registration> list(const RegistrationFilter& filter, const PageRequest& page) override;
  RegistrationStats stats(TimePoint start_of_today) override;
  std::int64_t count_for_session(const std::string& session_id) override;
  std::vector<RegistrationRow> rows_for_session(const std::string& session_id) override;
  void insert(const Registration& registration) override;
  void update(const Registration& registration) override;
  bool remove(const std::string& id) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
