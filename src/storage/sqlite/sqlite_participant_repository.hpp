#pragma once

#include "storage/participant_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteParticipantRepository : public ParticipantRepository {
 public:
  explicit SqliteParticipantRepository(SqliteConnection& db) : db_(db) {}

  std::optional<Participant> find(const std::string& id) override;
  std::optional<Participant> find_by_qr(const std::string& qr_code) override;
  std::optional<Participant> find_by_email(const std::string& email) override;
  std::vector<Participant> find_many(const std::vector<std::string>& ids) override;
  Page<Participant> list(const ParticipantFilter& filter, const PageRequest& page) override;
  std::vector<Participant> registered_for(const std::string& session_id) override;
  ParticipantStats stats() override;
  bool qr_code_taken(const std::string& qr_code) override;
  void insert(const Participant& participant) override;
  void update(const Participant& participant) override;
  bool remove(const std::string& id) override;
  std::vector<std::string> remove_referrals_to(const std::string& id, TimePoint now) override;

 private:
  std::optional<Participant> find_one(const std::string& column, const std::string& value);
  SqliteConnection& db_;
};

}  // namespace admit
