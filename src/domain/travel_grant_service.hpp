#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/check_in.hpp"
#include "domain/participant.hpp"
#include "domain/result.hpp"
#include "domain/session.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct TravelGrantQualification {
  bool qualified = false;
  std::optional<std::string> reason;  // why not, when not qualified
};

// A check-in with its session (absent when the session was deleted).
struct TravelGrantCheckIn {
  CheckIn check_in;
  std::optional<Session> session;
};

// P32: a participant's attendance as the travel-grant committee sees it.
struct TravelGrantDetails {
  Participant participant;
  std::int64_t total_check_ins = 0;
  std::int64_t confirmed_registrations = 0;
  std::vector<TravelGrantCheckIn> last_check_ins;  // newest first, at most ten
};

// Travel grants (contract §4.9): qualification, application and the committee's decision. Every
// change emits TravelGrantChanged.
class TravelGrantService {
 public:
  Result<TravelGrantQualification> qualification(UnitOfWork& uow, const std::string& id);
  Result<Participant> apply(UnitOfWork& uow, const std::string& id, TimePoint now);
  // Approves or rejects an application; a decision may be changed later.
  Result<Participant> decide(UnitOfWork& uow, const std::string& id, bool approved, TimePoint now);
  Result<TravelGrantDetails> details(UnitOfWork& uow, const std::string& id);
};

// Not yet applied, and an organization to speak for.
TravelGrantQualification qualification_of(const Participant& participant);

// "pending" (undecided), "approved" or "rejected".
std::string_view application_status(const Participant& participant);

}  // namespace admit
