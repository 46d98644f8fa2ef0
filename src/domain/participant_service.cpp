#include "domain/participant_service.hpp"

#include <algorithm>
#include <cctype>

#include "domain/text.hpp"

namespace admit {
namespace {

constexpr int kPointsPerReferral = 10;

Error email_taken(const std::string& email) {
  return Error::conflict("Participant with email \"" + email + "\" already exists", "email");
}

Error qr_taken(const std::string& qr) {
  return Error::conflict("Participant with qrCode \"" + qr + "\" already exists", "qrCode");
}

void apply(Participant& p, const ParticipantFields& f) {
  if (f.name) p.name = *f.name;
  if (f.email) p.email = normalize_email(*f.email);
  if (f.organization) p.organization = *f.organization;
  if (f.phone) p.phone = *f.phone;
  if (f.status) p.status = *f.status;
  if (f.is_active) p.is_active = *f.is_active;
  if (f.notes) p.notes = *f.notes;
  if (f.qr_code) p.qr_code = *f.qr_code;
}

}  // namespace

std::string normalize_email(std::string_view email) {
  std::string out(trim(email));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

Error participant_not_found(const std::string& id) {
  return Error::not_found("Participant with ID " + id + " not found");
}

int ambassador_points_for(const Participant& ambassador) {
  return kPointsPerReferral * static_cast<int>(ambassador.referred_participant_ids.size());
}

std::string ParticipantService::unused_qr_code(UnitOfWork& uow) {
  for (;;) {
    std::string code = qr_codes_.next();
    if (!uow.participants().qr_code_taken(code)) return code;
  }
}

Result<Participant> ParticipantService::create(UnitOfWork& uow, const ParticipantFields& fields, TimePoint now) {
  Participant p;
  apply(p, fields);
  if (uow.participants().find_by_email(p.email)) return email_taken(trim(*fields.email));
  if (fields.qr_code) {
    if (uow.participants().qr_code_taken(p.qr_code)) return qr_taken(p.qr_code);
  } else {
    p.qr_code = unused_qr_code(uow);
  }
  p.id = ids_.next();
  p.created_at = now;
  p.updated_at = now;
  uow.participants().insert(p);
  return p;
}

BulkParticipantResult ParticipantService::create_many(UnitOfWork& uow, const std::vector<ParticipantFields>& items,
                                                      TimePoint now) {
  BulkParticipantResult result;
  for (const auto& item : items) {
    auto created = create(uow, item, now);
    if (created) {
      ++result.created;
    } else {
      ++result.failed;
      result.errors.push_back({item.email.value_or(""), created.error().message});
    }
  }
  return result;
}

Result<Participant> ParticipantService::update(UnitOfWork& uow, const std::string& id, const ParticipantFields& fields,
                                               TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  Participant p = *found;
  apply(p, fields);
  if (p.email != found->email) {
    auto other = uow.participants().find_by_email(p.email);
    if (other && other->id != id) return email_taken(trim(*fields.email));
  }
  if (p.qr_code != found->qr_code) {
    auto other = uow.participants().find_by_qr(p.qr_code);
    if (other && other->id != id) return qr_taken(p.qr_code);
  }
  p.updated_at = now;
  uow.participants().update(p);
  return p;
}

Result<Participant> ParticipantService::remove(UnitOfWork& uow, const std::string& id, TimePoint now) {
  auto found = uow.participants().find(id);
  if (!found) return participant_not_found(id);
  uow.participants().remove(id);
  for (const auto& ambassador_id : uow.participants().remove_referrals_to(id, now)) {
    auto ambassador = uow.participants().find(ambassador_id);
    if (!ambassador || ambassador->status != ParticipantStatus::kAmbassador) continue;
    ambassador->ambassador_points = ambassador_points_for(*ambassador);
    uow.participants().update(*ambassador);
  }
  return *found;
}

}  // namespace admit
