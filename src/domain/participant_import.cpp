#include "domain/participant_import.hpp"

#include <algorithm>
#include <unordered_map>

#include "domain/session_service.hpp"

namespace admit {
namespace {

constexpr std::size_t kProgressEvery = 5000;

Error duplicate_in_file(const std::string& email, int first_row) {
  return Error::conflict("Email \"" + email + "\" appears more than once in this file (first in row " +
                         std::to_string(first_row) + ")");
}

}  // namespace

bool ParticipantImportService::register_once(UnitOfWork& uow, const std::string& participant_id,
                                             const std::string& session_id, TimePoint now) {
  if (uow.registrations().find_for(participant_id, session_id)) return false;
  auto created =
      registrations_.create(uow, {participant_id, session_id, RegistrationStatus::kConfirmed, std::nullopt}, now);
  return created.ok();
}

Result<ImportReport> ParticipantImportService::import_rows(UnitOfWork& uow, const std::vector<ImportRow>& rows,
                                                           const std::vector<ImportRowError>& rejected,
                                                           const std::optional<std::string>& session_id, TimePoint now,
                                                           const Progress& progress) {
  if (session_id && !uow.sessions().find(*session_id)) return session_not_found(*session_id);
  ImportReport report;
  report.failed = static_cast<int>(rejected.size());
  report.errors = rejected;
  if (session_id) report.registered = 0;

  std::unordered_map<std::string, int> first_row_of;  // normalized email -> row
  first_row_of.reserve(rows.size());
  std::size_t done = 0;
  for (const auto& row : rows) {
    const std::string& email = row.fields.email.value();
    std::string key = normalize_email(email);
    std::optional<std::string> participant_id;
    auto [seen, fresh] = first_row_of.try_emplace(key, row.row);
    Result<Participant> created = fresh ? participants_.create(uow, row.fields, now)
                                        : Result<Participant>(duplicate_in_file(email, seen->second));
    if (created) {
      ++report.created;
      participant_id = created->id;
    } else {
      ++report.failed;
      report.errors.push_back({row.row, email, created.error().message});
      if (session_id && created.error().kind == ErrorKind::kConflict) {
        if (auto existing = uow.participants().find_by_email(key)) participant_id = existing->id;
      }
    }
    if (session_id && participant_id && register_once(uow, *participant_id, *session_id, now)) ++*report.registered;
    if (progress && ++done % kProgressEvery == 0) progress(done, rows.size());
  }
  if (progress) progress(rows.size(), rows.size());
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  return report;
}

Result<AssignReport> ParticipantImportService::assign(UnitOfWork& uow, const std::string& session_id,
                                                      const std::vector<std::string>& participant_ids, TimePoint now) {
  if (!uow.sessions().find(session_id)) return session_not_found(session_id);
  AssignReport report;
  for (const auto& id : participant_ids) {
    if (!uow.participants().find(id)) {
      ++report.failed;
      report.errors.push_back({id, participant_not_found(id).message});
    } else if (register_once(uow, id, session_id, now)) {
      ++report.assigned;
    } else {
      ++report.skipped;
    }
  }
  return report;
}

}  // namespace admit
