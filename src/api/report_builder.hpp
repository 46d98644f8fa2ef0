#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/session.hpp"
#include "http/json.hpp"
#include "render/table.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

// The data behind the reports (contract §3.5) and the session export (§3.6 B5), loaded in one read
// job, and their two presentations: the JSON payloads and the sheets of the downloads. The HTTP
// handlers and `admit export` share these so that both produce the same files.

// RP2: a session, its counts and its check-ins, newest first.
struct SessionReport {
  Session session;
  std::int64_t registrations = 0;  // any status
  CheckInStats check_ins;
  std::vector<AttendanceRow> rows;
};

// B5: a session with its registrations and check-ins.
struct SessionExport {
  Session session;
  std::vector<RegistrationRow> registrations;
  std::vector<AttendanceRow> check_ins;
};

// The reference's sessions sheets list at most this many sessions.
inline constexpr int kSessionsSheetsLimit = 1000;

// "Session with ID <id> not found" when the session does not exist.
Result<SessionReport> load_session_report(UnitOfWork& uow, const std::string& session_id);
Result<SessionExport> load_session_export(UnitOfWork& uow, const std::string& session_id);
// Every check-in matching the filter, newest first (all rows, not a page).
std::vector<AttendanceRow> all_attendance(UnitOfWork& uow, const AttendanceFilter& filter, const PageRequest& order);

// JSON payloads ("data" of the envelopes).
Json attendance_row_json(const AttendanceRow& row);
Json session_report_json(const SessionReport& report, TimePoint generated_at);
Json statistics_json(const SessionStats& sessions, const ParticipantStats& participants, const CheckInStats& check_ins,
                     TimePoint generated_at);
Json sessions_sheets_json(const std::vector<SessionSheetRow>& rows, TimePoint generated_at);

// Sheets of the downloads.
Table attendance_table(const std::vector<AttendanceRow>& rows);
Table session_report_table(const SessionReport& report);
Table sessions_sheets_table(const std::vector<SessionSheetRow>& rows);
Table participants_template_table();
std::vector<Table> session_export_tables(const SessionExport& data);

// File names as the reference writes them, without the extension; `now` gives the UTC date.
std::string file_date(TimePoint now);
std::string attendance_file_base(TimePoint now);
std::string session_report_file_base(const std::string& session_id, TimePoint now);
std::string sessions_sheets_file_base(TimePoint now);
std::string session_export_file_base(const Session& session, TimePoint now);
inline constexpr std::string_view kTemplateFileBase = "participants-template";

// The session name in export file names: every character but ASCII letters and digits becomes
// "_" (one per UTF-16 unit, as the reference's JavaScript replace), lowercased.
std::string safe_file_name(std::string_view name);

}  // namespace admit
