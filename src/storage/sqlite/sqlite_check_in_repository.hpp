#pragma once

#include "storage/check_in_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteCheckInRepository : public CheckInRepository {
 public:
  explicit SqliteCheckInRepository(SqliteConnection& db) : db_(db) {}

  std::optional<CheckIn> find(const std::string& id) override;
  std::optional<CheckIn> find_for(const std::string& participant_id, const std::string& session_id) override;
  int count_for_session(const std::string& session_id) override;
  Page<CheckIn> list(const CheckInFilter& filter, const PageRequest& page) override;
  std::vector<CheckIn> recent(const std::optional<std::string>& session_id, int limit) override;
  std::vector<CheckIn> for_session(const std::string& session_id) override;
  CheckInStats stats(const std::optional<std::string>& session_id) override;
  Page<AttendanceRow> attendance(const AttendanceFilter& filter, const PageRequest& page) override;
  std::map<std::string, CheckInSummary> summaries(const std::vector<std::string>& participant_ids) override;
  void insert(const CheckIn& check_in) override;
  bool remove(const std::string& id) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
