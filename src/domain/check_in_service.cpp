#include "domain/check_in_service.hpp"

#include "domain/domain_event.hpp"
#include "domain/participant_service.hpp"
#include "domain/session_service.hpp"
#include "domain/timing.hpp"

namespace admit {
namespace {

Error full(const Session& s, bool direct) {
  std::string message = "Session is at full capacity (" + std::to_string(s.capacity) + " participants).";
  if (direct) message += " Cannot accept more check-ins.";
  return Error::rule("sessionId", std::move(message));
}

Error duplicate(const Participant& p) {
  return Error::conflict("CheckIn with participant-session \"Participant " + p.name +
                             " is already checked in to this session\" already exists",
                         "participantId");
}

TimingSettings timing(UnitOfWork& uow) { return uow.settings().load_timing().value_or(TimingSettings{}); }

}  // namespace

Error participant_qr_not_found(const std::string& qr_code) {
  return Error::not_found("Participant with ID qrCode: " + qr_code + " not found");
}

Result<VerifyOutcome> CheckInService::verify(UnitOfWork& uow, const std::string& qr_code, const std::string& session_id,
                                             TimePoint now) {
  auto participant = uow.participants().find_by_qr(qr_code);
  if (!participant) return participant_qr_not_found(qr_code);
  auto session = uow.sessions().find(session_id);
  if (!session) return session_not_found(session_id);
  auto existing = uow.check_ins().find_for(participant->id, session->id);
  auto registration = uow.registrations().find_for(participant->id, session->id);
  int count = session->has_enforced_limit() ? uow.check_ins().count_for_session(session->id) : 0;
  Verification v = verify_entry(*session, registration, existing, count);
  if (!participant->is_active && !existing) {
    v.actions.can_accept = false;
    v.actions.accept_label = "Participant Inactive";
  }
  uow.emit(
      EntryVerified{session->id, participant->id, participant->name, session->name, v.badge, v.is_registered, now});
  return VerifyOutcome{std::move(*participant), std::move(*session), std::move(v)};
}

Result<CheckInOutcome> CheckInService::accept(UnitOfWork& uow, const CheckInRequest& request, TimePoint now) {
  CheckInRequest qr_request = request;
  qr_request.method = CheckInMethod::kQr;
  return admit(uow, qr_request, Gate::kOfficerOverride, now);
}

Result<CheckInOutcome> CheckInService::check_in(UnitOfWork& uow, const CheckInRequest& request, TimePoint now) {
  return admit(uow, request, Gate::kRegistrationRequired, now);
}

Result<CheckInOutcome> CheckInService::check_in_by_qr(UnitOfWork& uow, const std::string& qr_code,
                                                      CheckInRequest request, TimePoint now) {
  auto participant = uow.participants().find_by_qr(qr_code);
  if (!participant) return participant_qr_not_found(qr_code);
  request.participant_id = participant->id;
  request.method = CheckInMethod::kQr;
  return admit(uow, request, Gate::kRegistrationRequired, now);
}

Result<CheckInOutcome> CheckInService::admit(UnitOfWork& uow, const CheckInRequest& request, Gate gate, TimePoint now) {
  auto session = uow.sessions().find(request.session_id);
  if (!session) return session_not_found(request.session_id);
  if (!session->is_open) return Error::rule("sessionId", "Session is not open for check-ins");
  auto participant = uow.participants().find(request.participant_id);
  if (!participant) return participant_not_found(request.participant_id);
  if (!participant->is_active) {
    return Error::rule("participantId", "Participant is inactive and cannot be checked in");
  }

  auto registration = uow.registrations().find_for(participant->id, session->id);
  const bool registered = registration && registration->confirmed();
  if (gate == Gate::kRegistrationRequired && session->requires_registration && !registered) {
    if (!registration) {
      return Error::rule("participantId",
                         "Participant is not registered for this session. This is an invite-only workshop.");
    }
    return Error::rule("participantId", "Registration status is \"" + std::string(to_string(registration->status)) +
                                            "\". Only confirmed registrations can check in.");
  }
  if (uow.check_ins().find_for(participant->id, session->id)) return duplicate(*participant);
  // The stored count moves only with check-in rows in this same transaction, so it is exact.
  if (!has_room(*session, session->check_ins_count)) return full(*session, gate == Gate::kRegistrationRequired);

  CheckIn c;
  c.id = ids_.next();
  c.participant_id = participant->id;
  c.session_id = session->id;
  c.check_in_time = now;
  c.method = request.method;
  c.checked_in_by = request.checked_in_by;
  c.notes = request.notes;
  c.is_late = is_late(*session, timing(uow), now);
  c.badge = registered ? CheckInBadge::kAccepted : CheckInBadge::kAcceptedUnregistered;
  c.was_registered = registered;
  c.created_at = now;
  c.updated_at = now;
  uow.check_ins().insert(c);
  int count = session->check_ins_count + 1;
  uow.sessions().set_check_ins_count(session->id, count, now);

  CapacityInfo capacity = capacity_info(*session, count);
  uow.emit(CheckInRecorded{c, participant->name, session->name, capacity});
  return CheckInOutcome{std::move(c), capacity, registered};
}

Result<DeclineOutcome> CheckInService::decline(UnitOfWork& uow, const DeclineRequest& request, TimePoint now) {
  auto participant = uow.participants().find(request.participant_id);
  if (!participant) return participant_not_found(request.participant_id);
  auto session = uow.sessions().find(request.session_id);
  if (!session) return session_not_found(request.session_id);
  auto registration = uow.registrations().find_for(participant->id, session->id);

  CheckInAttempt a;
  a.id = ids_.next();
  a.participant_id = participant->id;
  a.session_id = session->id;
  a.attempt_time = now;
  a.status = "declined";
  a.declined_by = request.declined_by;
  a.reason = request.reason && !request.reason->empty() ? *request.reason : "Check-in declined by officer";
  a.was_registered = registration && registration->confirmed();
  a.created_at = now;
  a.updated_at = now;
  uow.attempts().insert(a);
  uow.emit(EntryDeclined{a, participant->name, session->name});
  return DeclineOutcome{std::move(a), std::move(*participant), std::move(*session)};
}

Result<CheckIn> CheckInService::remove(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto found = uow.check_ins().find(id);
  if (!found) return Error::not_found("CheckIn with ID " + id + " not found");
  uow.check_ins().remove(id);
  if (auto session = uow.sessions().find(found->session_id)) {
    int count = uow.check_ins().count_for_session(session->id);
    uow.sessions().set_check_ins_count(session->id, count, now);
    uow.emit(CheckInRemoved{*found, session->name, capacity_info(*session, count)});
  }
  return *found;
}

}  // namespace admit
