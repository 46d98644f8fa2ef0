#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/participant_service.hpp"
#include "domain/registration_service.hpp"
#include "domain/result.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

// One data row of an uploaded sheet: its spreadsheet row number and what it holds (name and email
// present and checked, values trimmed).
struct ImportRow {
  int row = 0;
  ParticipantFields fields;
};

struct ImportRowError {
  int row = 0;
  std::string email;  // as written in the file, "unknown" when absent
  std::string error;
};

struct ImportReport {
  int created = 0;
  int failed = 0;
  std::vector<ImportRowError> errors;  // in row order
  std::optional<int> registered;       // only when importing into a session
};

struct AssignError {
  std::string participant_id;
  std::string error;
};

struct AssignReport {
  int assigned = 0;
  int skipped = 0;
  int failed = 0;
  std::vector<AssignError> errors;
};

// The bulk flows of the contract's §3.6: importing participants from a sheet (optionally
// registering them for a session) and assigning existing participants to a session. Each call is
// meant to run as one storage job, so a request either happens completely (with per-row
// rejections reported) or not at all.
class ParticipantImportService {
 public:
  // Called with (rows done, rows in total) every few thousand rows and at the end.
  using Progress = std::function<void(std::size_t, std::size_t)>;

  ParticipantImportService(ParticipantService& participants, RegistrationService& registrations)
      : participants_(participants), registrations_(registrations) {}

  // Creates the participants of `rows` as ParticipantService::create does; `rejected` are rows
  // the sheet mapping refused already and count as failed. A second row with an email seen
  // earlier in the file is rejected. With a session, every row whose email belongs to a
  // participant (new or existing) gets a confirmed registration unless one exists (skipped
  // silently); an unknown session fails the whole call.
  Result<ImportReport> import_rows(UnitOfWork& uow, const std::vector<ImportRow>& rows,
                                   const std::vector<ImportRowError>& rejected,
                                   const std::optional<std::string>& session_id, TimePoint now,
                                   const Progress& progress = {});

  // Gives each participant a confirmed registration for the session: unknown participants fail,
  // existing registrations are skipped.
  Result<AssignReport> assign(UnitOfWork& uow, const std::string& session_id,
                              const std::vector<std::string>& participant_ids, TimePoint now);

 private:
  // A confirmed registration unless one exists; true if one was created.
  bool register_once(UnitOfWork& uow, const std::string& participant_id, const std::string& session_id, TimePoint now);

  ParticipantService& participants_;
  RegistrationService& registrations_;
};

}  // namespace admit
