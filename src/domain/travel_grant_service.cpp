#include "domain/travel_grant_service.hpp"

#include "domain/participant_service.hpp"
#include "domain/text.hpp"

namespace admit {
namespace {

constexpr int kLastCheckIns = 10;

}  // namespace

TravelGrantQualification qualification_of(const Participant& p) {
  if (p.travel_grant_applied) return {false, "Already applied for travel grant"};
  if (!p.organization || trim(*p.organization).empty()) return {false, "Organization information required"};
  return {true, std::nullopt};
}

std::string_view application_status(const Participant& p) {
  if (!p.travel_grant_approved) return "pending";
  return *p.travel_grant_approved ? "approved" : "rejected";
}

Result<TravelGrantQualification> TravelGrantService::qualification(UnitOfWork& uow, const std::string& id) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  return qualification_of(*found);
}

Result<Participant> TravelGrantService::apply(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  auto verdict = qualification_of(*found);
  if (!verdict.qualified) {
    std::string field = found->travel_grant_applied ? "travelGrantApplied" : "organization";
    return Error::rule(std::move(field), *verdict.reason);
  }
  // As in the reference: status is single-valued, so an ambassador who applies stops being one
  // (their referrals stay, and promoting them again scores them).
  Participant p = std::move(*found);
  p.status = ParticipantStatus::kTravelGrant;
  p.travel_grant_applied = true;
  p.travel_grant_applied_at = now;
  p.travel_grant_approved.reset();
  p.travel_grant_decided_at.reset();
  p.updated_at = now;
  uow.participants().update(p);
  uow.emit(TravelGrantChanged{p.id, p.name, "applied", now});
  return p;
}

Result<Participant> TravelGrantService::decide(UnitOfWork& uow, const std::string& id, bool approved, TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  // An application is what is decided: a status set by hand (PATCH) is not one.
  if (!found->travel_grant_applied) return Error::rule("travelGrantApplied", "No travel grant application found");
  Participant p = std::move(*found);
  p.travel_grant_approved = approved;
  p.travel_grant_decided_at = now;
  p.updated_at = now;
  uow.participants().update(p);
  uow.emit(TravelGrantChanged{p.id, p.name, approved ? "approved" : "rejected", now});
  return p;
}

Result<TravelGrantDetails> TravelGrantService::details(UnitOfWork& uow, const std::string& id) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  TravelGrantDetails out;
  out.participant = std::move(*found);

  CheckInFilter check_ins;
  check_ins.participant_id = id;
  PageRequest newest;
  newest.limit = kLastCheckIns;
  newest.sort_by = "checkInTime";
  newest.descending = true;
  auto page = uow.check_ins().list(check_ins, newest);
  out.total_check_ins = page.total;
  for (auto& c : page.items) {
    auto session = uow.sessions().find(c.session_id);
    out.last_check_ins.push_back({std::move(c), std::move(session)});
  }

  RegistrationFilter confirmed;
  confirmed.participant_id = id;
  confirmed.status = RegistrationStatus::kConfirmed;
  PageRequest count_only;
  count_only.limit = 1;
  out.confirmed_registrations = uow.registrations().list(confirmed, count_only).total;
  return out;
}

}  // namespace admit
