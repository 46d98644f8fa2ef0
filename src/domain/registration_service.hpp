#pragma once

#include <optional>
#include <string>

#include "domain/object_id.hpp"
#include "domain/registration.hpp"
#include "domain/result.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct RegistrationFields {
  std::string participant_id;
  std::string session_id;
  std::optional<RegistrationStatus> status;
  std::optional<std::string> notes;
};

class RegistrationService {
 public:
  explicit RegistrationService(ObjectIdGenerator& ids) : ids_(ids) {}

  // Refuses registrations for participants or sessions that do not exist.
  Result<Registration> create(UnitOfWork& uow, const RegistrationFields& fields, TimePoint now);
  Result<Registration> update(UnitOfWork& uow, const std::string& id, std::optional<RegistrationStatus> status,
                              std::optional<std::string> notes, TimePoint now);
  Result<Registration> remove(UnitOfWork& uow, const std::string& id);

 private:
  ObjectIdGenerator& ids_;
};

Error registration_not_found(const std::string& id);

}  // namespace admit
