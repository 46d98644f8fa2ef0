// The reports (/api/v1/reports, contract §3.5 RP1-RP4) against the real binary: envelopes,
// calculations, defaults for deleted references, every filter (organization included, E?/R3 in
// docs/compatibility.md), paging, errors, and the downloads read back cell by cell with openpyxl
// (xlsx) and an RFC 4180 parser (CSV).
#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"
#include "support/spreadsheet_reader.hpp"

namespace admit::test {
namespace {

constexpr const char* kStart = "2026-01-15T09:00:00.000Z";
constexpr const char* kEnd = "2026-01-15T10:00:00.000Z";
constexpr const char* kUnknownId = "0123456789abcdef01234567";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

using Rows = std::vector<std::vector<std::string>>;

class ReportsTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    // No background scheduler pass during a test: sessions change only when a test says so.
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--scheduler-interval-ms", "3600000"});
  }

  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    pin_clock("2026-01-15T09:01:00.000Z");
  }

  std::string session(const std::string& name, Json overrides = Json::object()) {
    Json body = {{"name", name}, {"startTime", kStart}, {"endTime", kEnd}, {"location", "Room 101"}, {"isOpen", true}};
    for (auto& [k, v] : overrides.items()) {
      if (v.is_null()) {
        body.erase(k);  // null: leave the field unset
      } else {
        body[k] = v;
      }
    }
    auto reply = http().post("/api/v1/sessions", body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.at("data").at("_id").get<std::string>();
  }

  std::string participant(const std::string& name, const std::string& email, Json organization = nullptr) {
    Json body = {{"name", name}, {"email", email}};
    if (!organization.is_null()) body["organization"] = organization;
    auto reply = http().post("/api/v1/participants", body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.at("data").at("_id").get<std::string>();
  }

  // A check-in at `iso` (the server's pinned clock).
  void check_in(const std::string& participant_id, const std::string& session_id, const std::string& iso,
                const std::string& method = "manual") {
    pin_clock(iso);
    auto reply = http().post("/api/v1/checkin",
                             Json{{"participantId", participant_id}, {"sessionId", session_id}, {"method", method}});
    ASSERT_EQ(reply.status, 201) << reply.raw;
  }

  // Keynote: Zoë (accents, comma and quotes in her organization), Jane (no organization), Bob
  // (ACME); Workshop: Bob. Check-ins at 09:05, 09:10, 09:20, 09:30.
  void event() {
    keynote_ = session("Keynote");
    workshop_ = session("Workshop, \"hands-on\"");
    zoe_ = participant("Zoë Müller", "zoe@example.org", "Université de Montréal, \"Lab\"");
    jane_ = participant("Jane Doe", "jane@example.org");
    bob_ = participant("Bob Smith", "bob@example.org", "ACME Corp");
    check_in(zoe_, keynote_, "2026-01-15T09:05:00.000Z", "qr");
    check_in(jane_, keynote_, "2026-01-15T09:10:00.000Z", "manual");
    check_in(bob_, keynote_, "2026-01-15T09:20:00.000Z", "qr");
    check_in(bob_, workshop_, "2026-01-15T09:30:00.000Z", "manual");
    pin_clock("2026-01-15T11:00:00.000Z");
  }

  std::string keynote_, workshop_, zoe_, jane_, bob_;
};

Json attendance_row(const std::string& name, const std::string& email, const std::string& org,
                    const std::string& session, const std::string& time, const std::string& method) {
  Json row = Json::object();
  row["participantName"] = name;
  row["participantEmail"] = email;
  row["participantOrganization"] = org;
  row["sessionName"] = session;
  row["checkInTime"] = time;
  row["method"] = method;
  return row;
}

Rows csv_rows(const Reply& reply) {
  EXPECT_EQ(reply.raw.rfind(kBom, 0), 0U) << "no UTF-8 byte-order mark";
  return parse_csv(reply.raw.substr(3));
}

void expect_download(const Reply& reply, const std::string& content_type, const std::string& filename) {
  EXPECT_EQ(reply.status, 200) << reply.raw.substr(0, 300);
  EXPECT_EQ(reply.header("content-type"), content_type);
  EXPECT_EQ(reply.header("content-disposition"), "attachment; filename=\"" + filename + "\"");
  EXPECT_EQ(reply.header("content-length"), std::to_string(reply.raw.size()));
  EXPECT_TRUE(reply.body.is_null()) << "a download must not be a JSON envelope";
}

// --- RP1 attendance --------------------------------------------------------------------------

TEST_F(ReportsTest, AttendanceIsOnePageOfCheckInsNewestFirstWithTheReferenceShape) {
  event();
  const std::string path = "/api/v1/reports/attendance";
  auto reply = http().get(path);
  expect_success(reply, 200, "Attendance report generated successfully", path);
  const Json& data = reply.data();
  EXPECT_EQ(keys_of(data), (std::vector<std::string>{"report", "meta", "generatedAt"}));
  EXPECT_EQ(data["generatedAt"], "2026-01-15T11:00:00.000Z");
  Json meta = {{"total", 4},           {"page", 1},           {"limit", 10}, {"totalPages", 1},
               {"hasNextPage", false}, {"hasPrevPage", false}};
  EXPECT_EQ(data["meta"], meta);
  Json expected = Json::array();
  expected.push_back(attendance_row("Bob Smith", "bob@example.org", "ACME Corp", "Workshop, \"hands-on\"",
                                    "2026-01-15T09:30:00.000Z", "manual"));
  expected.push_back(
      attendance_row("Bob Smith", "bob@example.org", "ACME Corp", "Keynote", "2026-01-15T09:20:00.000Z", "qr"));
  expected.push_back(
      attendance_row("Jane Doe", "jane@example.org", "N/A", "Keynote", "2026-01-15T09:10:00.000Z", "manual"));
  expected.push_back(attendance_row("Zoë Müller", "zoe@example.org", "Université de Montréal, \"Lab\"", "Keynote",
                                    "2026-01-15T09:05:00.000Z", "qr"));
  EXPECT_EQ(data["report"], expected);
}

TEST_F(ReportsTest, AttendanceFiltersBySessionDatesAndOrganization) {
  event();
  auto names = [&](const std::string& query) {
    auto reply = http().get("/api/v1/reports/attendance" + query);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    std::vector<std::string> out;
    for (const auto& row : reply.data().at("report"))
      out.push_back(row.at("participantName").get<std::string>() + "@" + row.at("sessionName").get<std::string>());
    return out;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(names("?sessionId=" + workshop_), (Names{"Bob Smith@Workshop, \"hands-on\""}));
  EXPECT_EQ(names("?sessionId=" + std::string(kUnknownId)), Names{});
  // Bounds on checkInTime, inclusive.
  EXPECT_EQ(names("?startDate=2026-01-15T09:10:00.000Z&endDate=2026-01-15T09:20:00.000Z"),
            (Names{"Bob Smith@Keynote", "Jane Doe@Keynote"}));
  // The organization filter the reference ignored: a case-insensitive substring.
  EXPECT_EQ(names("?organization=acme"), (Names{"Bob Smith@Workshop, \"hands-on\"", "Bob Smith@Keynote"}));
  EXPECT_EQ(names("?organization=montr%C3%A9al"), (Names{"Zoë Müller@Keynote"}));
  EXPECT_EQ(names("?organization=acme&sessionId=" + keynote_), (Names{"Bob Smith@Keynote"}));
  EXPECT_EQ(names("?organization=%25"), Names{});  // LIKE wildcards are literal
  // search is accepted and ignored, as the reference.
  EXPECT_EQ(names("?search=zzz").size(), 4U);
}

TEST_F(ReportsTest, AttendancePagesAndSorts) {
  event();
  auto reply = http().get("/api/v1/reports/attendance?page=2&limit=3");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  Json meta = {{"total", 4},           {"page", 2},          {"limit", 3}, {"totalPages", 2},
               {"hasNextPage", false}, {"hasPrevPage", true}};
  EXPECT_EQ(reply.data()["meta"], meta);
  ASSERT_EQ(reply.data()["report"].size(), 1U);
  EXPECT_EQ(reply.data()["report"][0]["participantName"], "Zoë Müller");

  reply = http().get("/api/v1/reports/attendance?sortBy=checkInTime&sortOrder=asc&limit=1");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.data()["report"][0]["checkInTime"], "2026-01-15T09:05:00.000Z");
}

TEST_F(ReportsTest, AttendanceShowsDefaultsForDeletedParticipantsAndSessions) {
  event();
  ASSERT_EQ(http().del("/api/v1/participants/" + jane_).status, 200);
  ASSERT_EQ(http().del("/api/v1/sessions/" + workshop_).status, 200);
  auto reply = http().get("/api/v1/reports/attendance");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const Json& report = reply.data()["report"];
  ASSERT_EQ(report.size(), 4U);
  EXPECT_EQ(report[0]["sessionName"], "Unknown");
  EXPECT_EQ(report[0]["participantName"], "Bob Smith");
  EXPECT_EQ(report[2], attendance_row("Unknown", "Unknown", "N/A", "Keynote", "2026-01-15T09:10:00.000Z", "manual"));
}

TEST_F(ReportsTest, AttendanceRefusesInvalidParameters) {
  const std::string base = "/api/v1/reports/attendance";
  expect_validation(http().get(base + "?sessionId=invalid-id"), "GET", base + "?sessionId=invalid-id",
                    {{"sessionId", "sessionId must be a mongodb id"}});
  expect_validation(http().get(base + "?foo=1"), "GET", base + "?foo=1", {{"foo", "property foo should not exist"}});
  expect_validation(http().get(base + "?format=pdf"), "GET", base + "?format=pdf",
                    {{"format", "format must be one of the following values: json, excel, csv"}});
  auto reply = http().get(base + "?startDate=yesterday");
  EXPECT_EQ(reply.status, 400) << reply.raw;
  reply = http().get(base + "?limit=0");
  EXPECT_EQ(reply.status, 400) << reply.raw;
}

TEST_F(ReportsTest, AttendanceExcelIsARealWorkbookWithEveryMatchingRow) {
  event();
  // limit=1 is ignored by downloads: the organiser gets every row that matches the filters.
  auto reply = http().get("/api/v1/reports/attendance?format=excel&limit=1&sessionId=" + keynote_);
  expect_download(reply, kXlsx, "attendance-report-2026-01-15.xlsx");
  auto book = read_xlsx(reply.raw);
  EXPECT_EQ(sheet_names(book), (std::vector<std::string>{"Report"}));
  Json expected = Json::parse(R"([
    ["participantName","participantEmail","participantOrganization","sessionName","checkInTime","method"],
    ["Bob Smith","bob@example.org","ACME Corp","Keynote","2026-01-15T09:20:00.000Z","qr"],
    ["Jane Doe","jane@example.org","N/A","Keynote","2026-01-15T09:10:00.000Z","manual"],
    ["Zoë Müller","zoe@example.org","Université de Montréal, \"Lab\"","Keynote","2026-01-15T09:05:00.000Z","qr"]
  ])");
  EXPECT_EQ(sheet_rows(book, "Report"), expected);
}

TEST_F(ReportsTest, AttendanceCsvIsQuotedUtf8WithAByteOrderMark) {
  event();
  auto reply = http().get("/api/v1/reports/attendance?format=csv&organization=e");
  expect_download(reply, "text/csv; charset=utf-8", "attendance-report-2026-01-15.csv");
  // The quoted fields as RFC 4180 writes them.
  EXPECT_NE(reply.raw.find("\"Université de Montréal, \"\"Lab\"\"\""), std::string::npos) << reply.raw;
  EXPECT_NE(reply.raw.find("\"Workshop, \"\"hands-on\"\"\""), std::string::npos) << reply.raw;
  Rows expected = {
      {"participantName", "participantEmail", "participantOrganization", "sessionName", "checkInTime", "method"},
      {"Bob Smith", "bob@example.org", "ACME Corp", "Workshop, \"hands-on\"", "2026-01-15T09:30:00.000Z", "manual"},
      {"Bob Smith", "bob@example.org", "ACME Corp", "Keynote", "2026-01-15T09:20:00.000Z", "qr"},
      {"Zoë Müller", "zoe@example.org", "Université de Montréal, \"Lab\"", "Keynote", "2026-01-15T09:05:00.000Z",
       "qr"}};
  EXPECT_EQ(csv_rows(reply), expected);
}

TEST_F(ReportsTest, AttendanceJsonFormatIsTheEnvelope) {
  event();
  auto reply = http().get("/api/v1/reports/attendance?format=json&limit=2");
  expect_success(reply, 200, "Attendance report generated successfully",
                 "/api/v1/reports/attendance?format=json&limit=2");
  EXPECT_EQ(reply.data()["report"].size(), 2U);
}

// --- RP2 session report ------------------------------------------------------------------------

TEST_F(ReportsTest, SessionReportCountsAndRate) {
  event();
  // Registrations of any status count: 3 registrations, 3 check-ins -> 100.00%; then a fourth
  // (pending) registration -> 75.00%.
  create_registration(zoe_, keynote_, "confirmed");
  create_registration(jane_, keynote_, "pending");
  create_registration(bob_, keynote_, "cancelled");
  const std::string path = "/api/v1/reports/session/" + keynote_;
  auto reply = http().get(path);
  expect_success(reply, 200, "Session report generated successfully", path);
  const Json& data = reply.data();
  EXPECT_EQ(keys_of(data), (std::vector<std::string>{"session", "statistics", "checkIns", "generatedAt"}));
  Json session = {{"id", keynote_},  {"name", "Keynote"}, {"startTime", kStart},
                  {"endTime", kEnd}, {"isOpen", true},    {"location", "Room 101"}};
  EXPECT_EQ(data["session"], session);
  Json statistics = {{"totalRegistrations", 3},
                     {"totalCheckIns", 3},
                     {"attendanceRate", "100.00%"},
                     {"qrCheckIns", 2},
                     {"manualCheckIns", 1}};
  EXPECT_EQ(data["statistics"], statistics);
  Json first = {{"participantName", "Bob Smith"},
                {"participantEmail", "bob@example.org"},
                {"organization", "ACME Corp"},
                {"checkInTime", "2026-01-15T09:20:00.000Z"},
                {"method", "qr"}};
  ASSERT_EQ(data["checkIns"].size(), 3U);
  EXPECT_EQ(data["checkIns"][0], first);
  EXPECT_EQ(data["checkIns"][1]["organization"], "N/A");
  EXPECT_EQ(data["checkIns"][2]["participantName"], "Zoë Müller");
  EXPECT_EQ(data["generatedAt"], "2026-01-15T11:00:00.000Z");

  std::string dan = participant("Dan", "dan@example.org");
  create_registration(dan, keynote_, "pending");
  EXPECT_EQ(http().get(path).data()["statistics"]["attendanceRate"], "75.00%");
  std::string eve = participant("Eve", "eve@example.org");
  create_registration(eve, keynote_, "pending");
  create_registration(participant("Fay", "fay@example.org"), keynote_, "pending");
  EXPECT_EQ(http().get(path).data()["statistics"]["attendanceRate"], "50.00%");
}

TEST_F(ReportsTest, SessionReportRatesAsTheReference) {
  pin_clock("2026-01-15T09:01:00.000Z");
  std::string s = session("Rates", {{"location", nullptr}});
  auto rate = [&] { return http().get("/api/v1/reports/session/" + s).data()["statistics"]["attendanceRate"]; };
  EXPECT_EQ(rate(), "0%");  // no registrations
  std::vector<std::string> people;
  for (int i = 0; i < 6; ++i)
    people.push_back(participant("P" + std::to_string(i), "p" + std::to_string(i) + "@example.org"));
  for (const auto& p : people)
    create_registration(p, s);
  EXPECT_EQ(rate(), "0.00%");
  for (int i = 0; i < 5; ++i)
    check_in(people[i], s, "2026-01-15T09:0" + std::to_string(i + 2) + ":00.000Z");
  EXPECT_EQ(rate(), "83.33%");
  // A session without location has no location key, as the reference's JSON.
  auto reply = http().get("/api/v1/reports/session/" + s);
  EXPECT_FALSE(reply.data()["session"].contains("location")) << reply.raw;
}

TEST_F(ReportsTest, SessionReportErrors) {
  std::string unknown = std::string("/api/v1/reports/session/") + kUnknownId;
  expect_error(http().get(unknown), 404, std::string("Session with ID ") + kUnknownId + " not found", "GET", unknown);
  expect_error(http().get("/api/v1/reports/session/abc"), 400, "Invalid ID format: abc", "GET",
               "/api/v1/reports/session/abc");
  std::string s = session("Any");
  // No paging parameters on this route.
  std::string paged = "/api/v1/reports/session/" + s + "?page=1";
  expect_validation(http().get(paged), "GET", paged, {{"page", "property page should not exist"}});
  expect_error(http().get(unknown + "?format=excel"), 404, std::string("Session with ID ") + kUnknownId + " not found",
               "GET", unknown + "?format=excel");
}

TEST_F(ReportsTest, SessionReportDownloads) {
  event();
  auto reply = http().get("/api/v1/reports/session/" + keynote_ + "?format=excel");
  expect_download(reply, kXlsx, "session-" + keynote_ + "-report-2026-01-15.xlsx");
  auto book = read_xlsx(reply.raw);
  Json expected = Json::parse(R"([
    ["participantName","participantEmail","organization","checkInTime","method"],
    ["Bob Smith","bob@example.org","ACME Corp","2026-01-15T09:20:00.000Z","qr"],
    ["Jane Doe","jane@example.org","N/A","2026-01-15T09:10:00.000Z","manual"],
    ["Zoë Müller","zoe@example.org","Université de Montréal, \"Lab\"","2026-01-15T09:05:00.000Z","qr"]
  ])");
  EXPECT_EQ(sheet_rows(book, "Report"), expected);

  reply = http().get("/api/v1/reports/session/" + workshop_ + "?format=csv");
  expect_download(reply, "text/csv; charset=utf-8", "session-" + workshop_ + "-report-2026-01-15.csv");
  Rows rows = {{"participantName", "participantEmail", "organization", "checkInTime", "method"},
               {"Bob Smith", "bob@example.org", "ACME Corp", "2026-01-15T09:30:00.000Z", "manual"}};
  EXPECT_EQ(csv_rows(reply), rows);
}

// --- RP3 statistics ----------------------------------------------------------------------------

TEST_F(ReportsTest, StatisticsCountsEverything) {
  const std::string path = "/api/v1/reports/statistics";
  auto reply = http().get(path);
  expect_success(reply, 200, "Statistics report generated successfully", path);
  Json empty = Json::parse(R"({"sessions":{"total":0,"open":0,"upcoming":0,"past":0},
    "participants":{"total":0,"active":0,"ambassadors":0,"travelGrant":0},
    "checkIns":{"total":0,"qr":0,"manual":0},"generatedAt":"2026-01-15T09:01:00.000Z"})");
  EXPECT_EQ(reply.data(), empty);

  event();  // two open sessions 09:00-10:00, three participants, four check-ins (2 qr)
  session("Tomorrow",
          {{"startTime", "2026-01-16T09:00:00.000Z"}, {"endTime", "2026-01-16T10:00:00.000Z"}, {"isOpen", false}});
  participant("Idle", "idle@example.org");
  auto idle = http().get("/api/v1/participants?search=idle").data()[0]["_id"].get<std::string>();
  ASSERT_EQ(http().patch("/api/v1/participants/" + idle, Json{{"isActive", false}}).status, 200);
  auto amb = http().post("/api/v1/participants",
                         Json{{"name", "Amb"}, {"email", "amb@example.org"}, {"status", "ambassador"}});
  ASSERT_EQ(amb.status, 201) << amb.raw;
  pin_clock("2026-01-15T11:00:00.000Z");
  reply = http().get(path);
  ASSERT_EQ(reply.status, 200) << reply.raw;
  Json expected = Json::parse(R"({"sessions":{"total":3,"open":2,"upcoming":1,"past":2},
    "participants":{"total":5,"active":4,"ambassadors":1,"travelGrant":0},
    "checkIns":{"total":4,"qr":2,"manual":2},"generatedAt":"2026-01-15T11:00:00.000Z"})");
  EXPECT_EQ(reply.data(), expected);
}

// --- RP4 sessions sheets -----------------------------------------------------------------------

TEST_F(ReportsTest, SessionsSheetsListEverySessionWithItsCounts) {
  event();
  create_registration(zoe_, keynote_);
  create_registration(jane_, keynote_);
  create_registration(bob_, keynote_);
  std::string closed = session("Closed", {{"isOpen", false}, {"capacity", 20}, {"location", nullptr}});
  create_registration(zoe_, closed);
  const std::string path = "/api/v1/reports/sessions-sheets";
  auto reply = http().get(path);
  expect_success(reply, 200, "Sessions sheets generated successfully", path);
  const Json& data = reply.data();
  EXPECT_EQ(keys_of(data), (std::vector<std::string>{"sessions", "summary", "generatedAt"}));
  ASSERT_EQ(data["sessions"].size(), 3U);
  // Newest created first.
  Json first = {{"sessionId", closed}, {"sessionName", "Closed"}, {"startTime", kStart},
                {"endTime", kEnd},     {"isOpen", false},         {"capacity", 20},
                {"registrations", 1},  {"checkIns", 0},           {"attendanceRate", "0.00%"}};
  EXPECT_EQ(data["sessions"][0], first);
  Json workshop = {{"sessionId", workshop_}, {"sessionName", "Workshop, \"hands-on\""},
                   {"startTime", kStart},    {"endTime", kEnd},
                   {"location", "Room 101"}, {"isOpen", true},
                   {"capacity", 0},          {"registrations", 0},
                   {"checkIns", 1},          {"attendanceRate", "0%"}};
  EXPECT_EQ(data["sessions"][1], workshop);
  EXPECT_EQ(data["sessions"][2]["sessionId"], keynote_);
  EXPECT_EQ(data["sessions"][2]["registrations"], 3);
  EXPECT_EQ(data["sessions"][2]["checkIns"], 3);
  EXPECT_EQ(data["sessions"][2]["attendanceRate"], "100.00%");
  Json summary = {{"totalSessions", 3}, {"openSessions", 2}, {"closedSessions", 1}};
  EXPECT_EQ(data["summary"], summary);

  // Parameters of their own are ignored, as the reference (it had none).
  EXPECT_EQ(http().get(path + "?page=2").status, 200);
}

TEST_F(ReportsTest, SessionsSheetsDownloads) {
  event();
  create_registration(zoe_, keynote_);
  auto reply = http().get("/api/v1/reports/sessions-sheets?format=excel");
  expect_download(reply, kXlsx, "sessions-sheets-2026-01-15.xlsx");
  auto rows = sheet_rows(read_xlsx(reply.raw), "Sessions");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], Json::parse(R"(["sessionId","sessionName","startTime","endTime","location","isOpen","capacity",
                                    "registrations","checkIns","attendanceRate"])"));
  Json keynote = {keynote_, "Keynote", kStart, kEnd, "Room 101", true, 0, 1, 3, "300.00%"};
  EXPECT_EQ(rows[2], keynote);

  reply = http().get("/api/v1/reports/sessions-sheets?format=csv");
  expect_download(reply, "text/csv; charset=utf-8", "sessions-sheets-2026-01-15.csv");
  auto csv = csv_rows(reply);
  ASSERT_EQ(csv.size(), 3U);
  EXPECT_EQ(csv[1][1], "Workshop, \"hands-on\"");
  EXPECT_EQ(csv[2], (std::vector<std::string>{keynote_, "Keynote", kStart, kEnd, "Room 101", "true", "0", "1", "3",
                                              "300.00%"}));
  std::string bad = "/api/v1/reports/sessions-sheets?format=pdf";
  expect_validation(http().get(bad), "GET", bad,
                    {{"format", "format must be one of the following values: json, excel, csv"}});
}

}  // namespace
}  // namespace admit::test
