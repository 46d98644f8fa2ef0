#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/participant.hpp"
#include "storage/page.hpp"

namespace admit {

struct ParticipantFilter {
  std::optional<ParticipantStatus> status;
  std::optional<bool> is_active;
  std::optional<bool> travel_grant_applied;
  std::optional<bool> travel_grant_approved;
  std::optional<std::string> organization;  // case-insensitive substring
  bool travel_grant_undecided = false;      // travelGrantApproved is null
};

struct ParticipantStats {
  std::int64_t total = 0;
  std::int64_t active = 0;
  std::int64_t ambassadors = 0;
  std::int64_t travel_grant = 0;
};

// Over participants who applied: pending = total - approved - rejected.
struct TravelGrantStats {
  std::int64_t total = 0;
  std::int64_t pending = 0;
  std::int64_t approved = 0;
  std::int64_t rejected = 0;
};

class ParticipantRepository {
 public:
  virtual ~ParticipantRepository() = default;
  virtual std::optional<Participant> find(const std::string& id) = 0;
  virtual std::optional<Participant> find_by_qr(const std::string& qr_code) = 0;
  virtual std::optional<Participant> find_by_email(const std::string& email) = 0;
  virtual std::vector<Participant> find_many(const std::vector<std::string>& ids) = 0;
  virtual Page<Participant> list(const ParticipantFilter& filter, const PageRequest& page) = 0;
  // Participants with a registration (any status) for the session, newest registration first.
  virtual std::vector<Participant> registered_for(const std::string& session_id) = 0;
  virtual ParticipantStats stats() = 0;
  virtual bool qr_code_taken(const std::string& qr_code) = 0;
  virtual void insert(const Participant& participant) = 0;
  virtual void update(const Participant& participant) = 0;
  virtual bool remove(const std::string& id) = 0;
  // Removes `id` from every ambassador's referrals; returns the ambassadors that changed.
  virtual std::vector<std::string> remove_referrals_to(const std::string& id, TimePoint now) = 0;

  // Ambassadors by points, highest first (equal points: the earlier created first).
  virtual std::vector<Participant> leaderboard(int limit) = 0;
  // Every ambassador, by name.
  virtual std::vector<Participant> ambassadors() = 0;
  // Every participant with status travel_grant, newest first.
  virtual std::vector<Participant> travel_grant_participants() = 0;
  // Participants who applied, latest application first; `approved` picks one decision,
  // `organization` is a case-insensitive substring.
  virtual std::vector<Participant> travel_grant_applications(std::optional<bool> approved,
                                                             const std::optional<std::string>& organization) = 0;
  virtual TravelGrantStats travel_grant_stats() = 0;
  // The participants `ambassador_id` referred, in referral order; ids of deleted participants are
  // skipped.
  virtual std::vector<Participant> referred_by(const std::string& ambassador_id) = 0;
  // Ids of the participants other than `exclude_id`, ambassadors left out, whose trimmed
  // organization equals the trimmed `organization` ignoring (ASCII) case: an exact comparison,
  // never a pattern.
  virtual std::vector<std::string> organization_members(const std::string& organization,
                                                        const std::string& exclude_id) = 0;
  // The participants other than `exclude_id`, of any status, whose organization matches as in
  // organization_members: at most `limit` of them, oldest first, and how many there are.
  virtual Page<Participant> organization_peers(const std::string& organization, const std::string& exclude_id,
                                               int limit) = 0;
};

}  // namespace admit
