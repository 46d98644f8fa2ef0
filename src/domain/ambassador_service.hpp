#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/participant.hpp"
#include "domain/result.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct ReferralSync {
  Participant ambassador;
  int added_count = 0;
  int total_referrals = 0;
};

struct ReferralSyncAll {
  int processed = 0;
  int total_added = 0;
};

// An ambassador with the participants they referred (P15, P31).
struct AmbassadorReport {
  Participant ambassador;
  std::vector<Participant> referred;
  int active_referrals = 0;
};

// Ambassadors (contract §4.8): promotion, referrals and the only scoring rule, ten points per
// referral. Every change of score or referrals emits AmbassadorScoreChanged.
class AmbassadorService {
 public:
  Result<Participant> calculate_points(UnitOfWork& uow, const std::string& id, TimePoint now);
  Result<Participant> add_referred(UnitOfWork& uow, const std::string& id, const std::string& participant_id,
                                   TimePoint now);
  Result<Participant> remove_referred(UnitOfWork& uow, const std::string& id, const std::string& participant_id,
                                      TimePoint now);
  // Adds every non-ambassador of the ambassador's organization to their referrals (manual
  // referrals are kept).
  Result<ReferralSync> sync_referrals(UnitOfWork& uow, const std::string& id, TimePoint now);
  // sync_referrals for every ambassador with an organization; `processed` counts all ambassadors.
  ReferralSyncAll sync_all_referrals(UnitOfWork& uow, TimePoint now);
  // Makes the participant an ambassador scored from the referrals they kept, then syncs their
  // organization's referrals when they have one.
  Result<Participant> promote(UnitOfWork& uow, const std::string& id, TimePoint now);
  Result<Participant> demote(UnitOfWork& uow, const std::string& id, TimePoint now);
  Result<AmbassadorReport> report(UnitOfWork& uow, const std::string& id);
};

Error ambassador_not_found(const std::string& id);
Error not_an_ambassador();

}  // namespace admit
