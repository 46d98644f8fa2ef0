#pragma once

#include "storage/participant_repository.hpp"
#include "storage/sqlite/sql_conditions.hpp"
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
  std::vector<Participant> leaderboard(int limit) override;
  std::vector<Participant> ambassadors() override;
  std::vector<Participant> travel_grant_participants() override;
  std::vector<Participant> travel_grant_applications(std::optional<bool> approved,
                                                     const std::optional<std::string>& organization) override;
  TravelGrantStats travel_grant_stats() override;
  std::vector<Participant> referred_by(const std::string& ambassador_id) override;
  std::vector<std::string> organization_members(const std::string& organization,
                                                const std::string& exclude_id) override;
  Page<Participant> organization_peers(const std::string& organization, const std::string& exclude_id,
                                       int limit) override;

 private:
  std::optional<Participant> find_one(const std::string& column, const std::string& value);
  SqlConditions conditions(const ParticipantFilter& filter) const;
  std::vector<Participant> select_all(const SqlConditions& where, std::string_view order_by);
  SqliteConnection& db_;
};

}  // namespace admit
