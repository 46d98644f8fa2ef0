#pragma once

#include <optional>
#include <string>

#include "domain/capacity.hpp"
#include "domain/check_in.hpp"
#include "domain/check_in_attempt.hpp"
#include "domain/object_id.hpp"
#include "domain/participant.hpp"
#include "domain/result.hpp"
#include "domain/session.hpp"
#include "domain/verification.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct VerifyOutcome {
  Participant participant;
  Session session;
  Verification verification;
};

struct CheckInRequest {
  std::string participant_id;
  std::string session_id;
  std::optional<std::string> checked_in_by;
  std::optional<std::string> notes;
  CheckInMethod method = CheckInMethod::kManual;
};

struct CheckInOutcome {
  CheckIn check_in;
  CapacityInfo capacity;
  bool was_registered = false;
};

struct DeclineRequest {
  std::string participant_id;
  std::string session_id;
  std::optional<std::string> declined_by;
  std::optional<std::string> reason;
};

struct DeclineOutcome {
  CheckInAttempt attempt;
  Participant participant;
  Session session;
};

// The door: verification, acceptance, refusal and undo. Every decision that admits someone reads
// and writes inside one transaction, so capacity and "only once" hold with any number of doors.
class CheckInService {
 public:
  explicit CheckInService(ObjectIdGenerator& ids) : ids_(ids) {}

  // Read-only: what the door should show for a scanned code.
  Result<VerifyOutcome> verify(UnitOfWork& uow, const std::string& qr_code, const std::string& session_id,
                               TimePoint now);
  // The officer's "accept" after a verification: admits unregistered participants too (the officer
  // decides), but never past capacity or twice.
  Result<CheckInOutcome> accept(UnitOfWork& uow, const CheckInRequest& request, TimePoint now);
  // Direct check-in (by id or by QR code): invite-only sessions require a confirmed registration.
  Result<CheckInOutcome> check_in(UnitOfWork& uow, const CheckInRequest& request, TimePoint now);
  Result<CheckInOutcome> check_in_by_qr(UnitOfWork& uow, const std::string& qr_code, CheckInRequest request,
                                        TimePoint now);
  Result<DeclineOutcome> decline(UnitOfWork& uow, const DeclineRequest& request, TimePoint now);
  Result<CheckIn> remove(UnitOfWork& uow, const std::string& id, TimePoint now);

 private:
  enum class Gate { kOfficerOverride, kRegistrationRequired };
  Result<CheckInOutcome> admit(UnitOfWork& uow, const CheckInRequest& request, Gate gate, TimePoint now);

  ObjectIdGenerator& ids_;
};

Error participant_qr_not_found(const std::string& qr_code);

}  // namespace admit
