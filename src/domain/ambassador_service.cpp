#include "domain/ambassador_service.hpp"

#include <algorithm>
#include <unordered_set>

#include "domain/participant_service.hpp"
#include "domain/text.hpp"

namespace admit {
namespace {

// Stores the ambassador rescored from their referrals and emits the change if there was one.
Participant rescore(UnitOfWork& uow, Participant ambassador, const Participant& before, TimePoint now) {
  ambassador.ambassador_points = ambassador_points_for(ambassador);
  bool changed = ambassador.ambassador_points != before.ambassador_points ||
                 ambassador.referred_participant_ids != before.referred_participant_ids ||
                 ambassador.status != before.status;
  ambassador.updated_at = now;
  uow.participants().update(ambassador);
  if (changed) {
    uow.emit(AmbassadorScoreChanged{ambassador.id, ambassador.name, ambassador.ambassador_points,
                                    before.ambassador_points,
                                    static_cast<int>(ambassador.referred_participant_ids.size())});
  }
  return ambassador;
}

bool is_ambassador(const Participant& p) { return p.status == ParticipantStatus::kAmbassador; }

// The ambassador by id for the referral routes, which name the missing entity "Ambassador".
Result<Participant> find_ambassador(UnitOfWork& uow, const std::string& id) {
  auto found = uow.participants().find(id);
  if (!found) return ambassador_not_found(id);
  if (!is_ambassador(*found)) return not_an_ambassador();
  return std::move(*found);
}

// The union of `ambassador`'s referrals with the organization's members, rescored and stored.
ReferralSync sync(UnitOfWork& uow, const Participant& ambassador, TimePoint now) {
  Participant synced = ambassador;
  std::unordered_set<std::string> known(synced.referred_participant_ids.begin(), synced.referred_participant_ids.end());
  int added = 0;
  for (auto& member : uow.participants().organization_members(trim(*ambassador.organization), ambassador.id)) {
    if (known.insert(member).second) {
      synced.referred_participant_ids.push_back(std::move(member));
      ++added;
    }
  }
  int total = static_cast<int>(synced.referred_participant_ids.size());
  return {rescore(uow, std::move(synced), ambassador, now), added, total};
}

bool has_organization(const Participant& p) { return p.organization && !trim(*p.organization).empty(); }

}  // namespace

Error ambassador_not_found(const std::string& id) {
  return Error::not_found("Ambassador with ID " + id + " not found");
}

Error not_an_ambassador() { return Error::rule("status", "Participant is not an ambassador"); }

Result<Participant> AmbassadorService::calculate_points(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  if (!is_ambassador(*found)) return not_an_ambassador();
  return rescore(uow, *found, *found, now);
}

Result<Participant> AmbassadorService::add_referred(UnitOfWork& uow, const std::string& id,
                                                    const std::string& participant_id, TimePoint now) {
  auto ambassador = find_ambassador(uow, id);
  if (!ambassador) return ambassador;
  if (participant_id == id) return Error::rule("participantId", "An ambassador cannot refer themselves");
  if (!uow.participants().find(participant_id)) return participant_not_found(participant_id);
  Participant updated = *ambassador;
  auto& ids = updated.referred_participant_ids;
  if (std::find(ids.begin(), ids.end(), participant_id) == ids.end()) ids.push_back(participant_id);
  return rescore(uow, std::move(updated), *ambassador, now);
}

Result<Participant> AmbassadorService::remove_referred(UnitOfWork& uow, const std::string& id,
                                                       const std::string& participant_id, TimePoint now) {
  // Checked before anything changes (the reference removed the referral, then refused).
  auto ambassador = find_ambassador(uow, id);
  if (!ambassador) return ambassador;
  Participant updated = *ambassador;
  std::erase(updated.referred_participant_ids, participant_id);
  return rescore(uow, std::move(updated), *ambassador, now);
}

Result<ReferralSync> AmbassadorService::sync_referrals(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto ambassador = find_ambassador(uow, id);
  if (!ambassador) return ambassador.error();
  if (!has_organization(*ambassador)) {
    return Error::rule("organization", "Ambassador must have an organization to sync referrals");
  }
  return sync(uow, *ambassador, now);
}

ReferralSyncAll AmbassadorService::sync_all_referrals(UnitOfWork& uow, TimePoint now) {
  ReferralSyncAll result;
  for (const auto& ambassador : uow.participants().ambassadors()) {
    ++result.processed;
    if (has_organization(ambassador)) result.total_added += sync(uow, ambassador, now).added_count;
  }
  return result;
}

Result<Participant> AmbassadorService::promote(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  if (is_ambassador(*found)) return Error::rule("status", "Participant is already an ambassador");
  Participant promoted = *found;
  promoted.status = ParticipantStatus::kAmbassador;
  promoted = rescore(uow, std::move(promoted), *found, now);
  // Appendix A.5: a new ambassador starts with their organization's referrals.
  if (!has_organization(promoted)) return promoted;
  return sync(uow, promoted, now).ambassador;
}

Result<Participant> AmbassadorService::demote(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  if (!is_ambassador(*found)) return not_an_ambassador();
  Participant demoted = *found;
  demoted.status = ParticipantStatus::kRegular;
  demoted.referred_participant_ids.clear();
  return rescore(uow, std::move(demoted), *found, now);
}

Result<AmbassadorReport> AmbassadorService::report(UnitOfWork& uow, const std::string& id) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  if (!is_ambassador(*found)) return not_an_ambassador();
  AmbassadorReport out{*found, uow.participants().referred_by(id), 0};
  out.active_referrals = static_cast<int>(
      std::count_if(out.referred.begin(), out.referred.end(), [](const Participant& p) { return p.is_active; }));
  return out;
}

}  // namespace admit
