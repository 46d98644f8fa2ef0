#include "domain/registration_service.hpp"

#include "domain/participant_service.hpp"
#include "domain/session_service.hpp"

namespace admit {

Error registration_not_found(const std::string& id) {
  return Error::not_found("Registration with ID " + id + " not found");
}

Result<Registration> RegistrationService::create(UnitOfWork& uow, const RegistrationFields& fields, TimePoint now) {
  if (!uow.participants().find(fields.participant_id)) return participant_not_found(fields.participant_id);
  if (!uow.sessions().find(fields.session_id)) return session_not_found(fields.session_id);
  if (uow.registrations().find_for(fields.participant_id, fields.session_id)) {
    return Error::conflict("Registration with participant-session \"" + fields.participant_id + "-" +
                           fields.session_id + "\" already exists");
  }
  Registration r;
  r.id = ids_.next();
  r.participant_id = fields.participant_id;
  r.session_id = fields.session_id;
  r.registration_date = now;
  r.status = fields.status.value_or(RegistrationStatus::kPending);
  r.notes = fields.notes;
  r.created_at = now;
  r.updated_at = now;
  uow.registrations().insert(r);
  return r;
}

Result<Registration> RegistrationService::update(UnitOfWork& uow, const std::string& id,
                                                 std::optional<RegistrationStatus> status,
                                                 std::optional<std::string> notes, TimePoint now) {
  auto found = uow.registrations().find(id);
  if (!found) return registration_not_found(id);
  Registration r = *found;
  if (status) r.status = *status;
  if (notes) r.notes = std::move(notes);
  r.updated_at = now;
  uow.registrations().update(r);
  return r;
}

Result<Registration> RegistrationService::remove(UnitOfWork& uow, const std::string& id) {
  auto found = uow.registrations().find(id);
  if (!found) return registration_not_found(id);
  uow.registrations().remove(id);
  return *found;
}

}  // namespace admit
