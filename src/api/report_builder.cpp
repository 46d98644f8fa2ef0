#include "api/report_builder.hpp"

#include <cctype>

#include "domain/attendance_rate.hpp"
#include "domain/time.hpp"

namespace admit {
namespace {

// The reference's defaults for data it could not populate (a deleted participant or session, an
// unset organization).
constexpr const char* kUnknown = "Unknown";
constexpr const char* kNotAvailable = "N/A";

std::string or_default(const std::optional<std::string>& value, const char* fallback) {
  return value && !value->empty() ? *value : std::string(fallback);
}

double number(std::int64_t n) { return static_cast<double>(n); }

PageRequest newest_check_ins_first() {
  PageRequest order;
  order.sort_by = "checkInTime";
  order.descending = true;
  order.limit = 0;
  return order;
}

}  // namespace

std::vector<AttendanceRow> all_attendance(UnitOfWork& uow, const AttendanceFilter& filter, const PageRequest& order) {
  PageRequest every = order;
  every.limit = 0;
  return uow.check_ins().attendance(filter, every).items;
}

Result<SessionReport> load_session_report(UnitOfWork& uow, const std::string& session_id) {
  auto session = uow.sessions().find(session_id);
  if (!session) return Error::not_found("Session with ID " + session_id + " not found");
  SessionReport report;
  report.session = std::move(*session);
  report.registrations = uow.registrations().count_for_session(session_id);
  report.check_ins = uow.check_ins().stats(session_id);
  AttendanceFilter filter;
  filter.session_id = session_id;
  report.rows = uow.check_ins().attendance(filter, newest_check_ins_first()).items;
  return report;
}

Result<SessionExport> load_session_export(UnitOfWork& uow, const std::string& session_id) {
  auto session = uow.sessions().find(session_id);
  if (!session) return Error::not_found("Session with ID " + session_id + " not found");
  SessionExport data;
  data.session = std::move(*session);
  data.registrations = uow.registrations().rows_for_session(session_id);
  AttendanceFilter filter;
  filter.session_id = session_id;
  data.check_ins = uow.check_ins().attendance(filter, newest_check_ins_first()).items;
  return data;
}

Json attendance_row_json(const AttendanceRow& row) {
  return Json{{"participantName", or_default(row.participant_name, kUnknown)},
              {"participantEmail", or_default(row.participant_email, kUnknown)},
              {"participantOrganization", or_default(row.participant_organization, kNotAvailable)},
              {"sessionName", or_default(row.session_name, kUnknown)},
              {"checkInTime", format_iso8601(row.check_in_time)},
              {"method", to_string(row.method)}};
}

Json session_report_json(const SessionReport& report, TimePoint generated_at) {
  const Session& s = report.session;
  // "id", not "_id": the reference builds this object by hand.
  Json session = {{"id", s.id},
                  {"name", s.name},
                  {"startTime", format_iso8601(s.start_time)},
                  {"endTime", format_iso8601(s.end_time)},
                  {"isOpen", s.is_open}};
  if (s.location) session["location"] = *s.location;
  Json check_ins = Json::array();
  for (const auto& row : report.rows) {
    check_ins.push_back({{"participantName", or_default(row.participant_name, kUnknown)},
                         {"participantEmail", or_default(row.participant_email, kUnknown)},
                         {"organization", or_default(row.participant_organization, kNotAvailable)},
                         {"checkInTime", format_iso8601(row.check_in_time)},
                         {"method", to_string(row.method)}});
  }
  return Json{{"session", std::move(session)},
              {"statistics",
               {{"totalRegistrations", report.registrations},
                {"totalCheckIns", report.check_ins.total},
                {"attendanceRate", attendance_rate(report.check_ins.total, report.registrations)},
                {"qrCheckIns", report.check_ins.qr},
                {"manualCheckIns", report.check_ins.manual}}},
              {"checkIns", std::move(check_ins)},
              {"generatedAt", format_iso8601(generated_at)}};
}

Json statistics_json(const SessionStats& sessions, const ParticipantStats& participants, const CheckInStats& check_ins,
                     TimePoint generated_at) {
  return Json{
      {"sessions",
       {{"total", sessions.total}, {"open", sessions.open}, {"upcoming", sessions.upcoming}, {"past", sessions.past}}},
      {"participants",
       {{"total", participants.total},
        {"active", participants.active},
        {"ambassadors", participants.ambassadors},
        {"travelGrant", participants.travel_grant}}},
      {"checkIns", {{"total", check_ins.total}, {"qr", check_ins.qr}, {"manual", check_ins.manual}}},
      {"generatedAt", format_iso8601(generated_at)}};
}

Json sessions_sheets_json(const std::vector<SessionSheetRow>& rows, TimePoint generated_at) {
  Json sessions = Json::array();
  std::int64_t open = 0;
  for (const auto& row : rows) {
    const Session& s = row.session;
    if (s.is_open) ++open;
    Json item = {{"sessionId", s.id},
                 {"sessionName", s.name},
                 {"startTime", format_iso8601(s.start_time)},
                 {"endTime", format_iso8601(s.end_time)}};
    if (s.location) item["location"] = *s.location;
    item["isOpen"] = s.is_open;
    item["capacity"] = s.capacity;
    item["registrations"] = row.registrations;
    item["checkIns"] = row.check_ins;
    item["attendanceRate"] = attendance_rate(row.check_ins, row.registrations);
    sessions.push_back(std::move(item));
  }
  auto total = static_cast<std::int64_t>(rows.size());
  return Json{{"sessions", std::move(sessions)},
              {"summary", {{"totalSessions", total}, {"openSessions", open}, {"closedSessions", total - open}}},
              {"generatedAt", format_iso8601(generated_at)}};
}

Table attendance_table(const std::vector<AttendanceRow>& rows) {
  Table table{
      "Report",
      {"participantName", "participantEmail", "participantOrganization", "sessionName", "checkInTime", "method"},
      {}};
  table.rows.reserve(rows.size());
  for (const auto& row : rows) {
    table.rows.push_back({or_default(row.participant_name, kUnknown), or_default(row.participant_email, kUnknown),
                          or_default(row.participant_organization, kNotAvailable),
                          or_default(row.session_name, kUnknown), format_iso8601(row.check_in_time),
                          std::string(to_string(row.method))});
  }
  return table;
}

Table session_report_table(const SessionReport& report) {
  Table table{"Report", {"participantName", "participantEmail", "organization", "checkInTime", "method"}, {}};
  table.rows.reserve(report.rows.size());
  for (const auto& row : report.rows) {
    table.rows.push_back({or_default(row.participant_name, kUnknown), or_default(row.participant_email, kUnknown),
                          or_default(row.participant_organization, kNotAvailable), format_iso8601(row.check_in_time),
                          std::string(to_string(row.method))});
  }
  return table;
}

Table sessions_sheets_table(const std::vector<SessionSheetRow>& rows) {
  Table table{"Sessions",
              {"sessionId", "sessionName", "startTime", "endTime", "location", "isOpen", "capacity", "registrations",
               "checkIns", "attendanceRate"},
              {}};
  for (const auto& row : rows) {
    const Session& s = row.session;
    table.rows.push_back({s.id, s.name, format_iso8601(s.start_time), format_iso8601(s.end_time),
                          s.location.value_or(""), s.is_open, static_cast<double>(s.capacity),
                          number(row.registrations), number(row.check_ins),
                          attendance_rate(row.check_ins, row.registrations)});
  }
  return table;
}

Table participants_template_table() {
  return Table{"Participants",
               {"name", "email", "organization", "phone"},
               {{std::string("John Doe"), std::string("john.doe@example.com"), std::string("ACME Corp"),
                 std::string("+1234567890")},
                {std::string("Jane Smith"), std::string("jane.smith@example.com"), std::string("Tech Inc"),
                 std::string("+0987654321")}}};
}

std::vector<Table> session_export_tables(const SessionExport& data) {
  const Session& s = data.session;
  auto registrations = static_cast<std::int64_t>(data.registrations.size());
  auto check_ins = static_cast<std::int64_t>(data.check_ins.size());
  Table summary{"Summary",
                {"field", "value"},
                {{std::string("Session Name"), s.name},
                 {std::string("Start Time"), format_iso8601(s.start_time)},
                 {std::string("End Time"), format_iso8601(s.end_time)},
                 {std::string("Location"), or_default(s.location, kNotAvailable)},
                 {std::string("Total Registrations"), number(registrations)},
                 {std::string("Total Check-ins"), number(check_ins)},
                 {std::string("Attendance Rate"), attendance_rate(check_ins, registrations)}}};
  Table regs{
      "Registrations", {"participantName", "participantEmail", "organization", "status", "registrationDate"}, {}};
  for (const auto& r : data.registrations) {
    regs.rows.push_back({or_default(r.participant_name, kUnknown), or_default(r.participant_email, kUnknown),
                         or_default(r.participant_organization, kNotAvailable), std::string(to_string(r.status)),
                         format_iso8601(r.registration_date)});
  }
  Table checks{"Check-ins", {"participantName", "participantEmail", "organization", "checkInTime", "method"}, {}};
  for (const auto& c : data.check_ins) {
    checks.rows.push_back({or_default(c.participant_name, kUnknown), or_default(c.participant_email, kUnknown),
                           or_default(c.participant_organization, kNotAvailable), format_iso8601(c.check_in_time),
                           std::string(to_string(c.method))});
  }
  return {std::move(summary), std::move(regs), std::move(checks)};
}

std::string file_date(TimePoint now) { return format_iso8601(now).substr(0, 10); }

std::string attendance_file_base(TimePoint now) { return "attendance-report-" + file_date(now); }

std::string session_report_file_base(const std::string& session_id, TimePoint now) {
  return "session-" + session_id + "-report-" + file_date(now);
}

std::string sessions_sheets_file_base(TimePoint now) { return "sessions-sheets-" + file_date(now); }

std::string session_export_file_base(const Session& session, TimePoint now) {
  return "session-" + safe_file_name(session.name) + "-export-" + file_date(now);
}

std::string safe_file_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (std::isalnum(c) != 0 && c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (c < 0x80 || (c & 0xC0) == 0xC0) {
      // A UTF-8 lead byte starts one character; four-byte ones are two UTF-16 units in JavaScript.
      out += (c & 0xF8) == 0xF0 ? "__" : "_";
    }
  }
  return out;
}

}  // namespace admit
