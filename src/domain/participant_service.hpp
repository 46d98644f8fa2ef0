#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/object_id.hpp"
#include "domain/participant.hpp"
#include "domain/qr_code_generator.hpp"
#include "domain/result.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct ParticipantFields {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> organization;
  std::optional<std::string> phone;
  std::optional<ParticipantStatus> status;
  std::optional<bool> is_active;
  std::optional<std::string> notes;
  std::optional<std::string> qr_code;
};

struct BulkParticipantError {
  std::string email;
  std::string error;
};

struct BulkParticipantResult {
  int created = 0;
  int failed = 0;
  std::vector<BulkParticipantError> errors;
};

class ParticipantService {
 public:
  ParticipantService(ObjectIdGenerator& ids, QrCodeGenerator& qr_codes) : ids_(ids), qr_codes_(qr_codes) {}

  // `fields` must carry name and email.
  Result<Participant> create(UnitOfWork& uow, const ParticipantFields& fields, TimePoint now);
  BulkParticipantResult create_many(UnitOfWork& uow, const std::vector<ParticipantFields>& items, TimePoint now);
  Result<Participant> update(UnitOfWork& uow, const std::string& id, const ParticipantFields& fields, TimePoint now);
  // Also removes the participant from every ambassador's referrals and rescores those ambassadors.
  Result<Participant> remove(UnitOfWork& uow, const std::string& id, TimePoint now);
  // A code no participant holds yet.
  std::string unused_qr_code(UnitOfWork& uow);

 private:
  ObjectIdGenerator& ids_;
  QrCodeGenerator& qr_codes_;
};

// Emails are stored trimmed and lowercased, so lookups and uniqueness ignore case.
std::string normalize_email(std::string_view email);

Error participant_not_found(const std::string& id);

// The only scoring rule: ten points per referred participant.
int ambassador_points_for(const Participant& ambassador);

}  // namespace admit
