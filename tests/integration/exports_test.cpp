// The downloads of /api/v1/bulk (contract §3.6 B1 template, B5 session export) against the real
// binary: real files (never a JSON envelope), their headers and names, and every cell read back
// with openpyxl (xlsx) or an RFC 4180 parser (CSV).
#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"
#include "support/spreadsheet_reader.hpp"

namespace admit::test {
namespace {

constexpr const char* kUnknownId = "0123456789abcdef01234567";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class ExportsTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--scheduler-interval-ms", "3600000"});
  }

  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    pin_clock("2026-03-02T08:30:00.000Z");
  }

  void check_in(const std::string& participant_id, const std::string& session_id, const std::string& iso,
                const std::string& method) {
    pin_clock(iso);
    auto reply = http().post("/api/v1/checkin",
                             Json{{"participantId", participant_id}, {"sessionId", session_id}, {"method", method}});
    ASSERT_EQ(reply.status, 201) << reply.raw;
  }
};

void expect_download(const Reply& reply, const std::string& content_type, const std::string& filename) {
  EXPECT_EQ(reply.status, 200) << reply.raw.substr(0, 300);
  EXPECT_EQ(reply.header("content-type"), content_type);
  EXPECT_EQ(reply.header("content-disposition"), "attachment; filename=\"" + filename + "\"");
  EXPECT_EQ(reply.header("content-length"), std::to_string(reply.raw.size()));
  EXPECT_TRUE(reply.body.is_null()) << "a download must not be a JSON envelope";
}

// --- B1 template -------------------------------------------------------------------------------

TEST_F(ExportsTest, TemplateIsTheParticipantsWorkbook) {
  auto reply = http().get("/api/v1/bulk/template/participants");
  expect_download(reply, kXlsx, "participants-template.xlsx");
  auto book = read_xlsx(reply.raw);
  EXPECT_EQ(sheet_names(book), (std::vector<std::string>{"Participants"}));
  Json expected = Json::parse(R"([
    ["name","email","organization","phone"],
    ["John Doe","john.doe@example.com","ACME Corp","+1234567890"],
    ["Jane Smith","jane.smith@example.com","Tech Inc","+0987654321"]
  ])");
  EXPECT_EQ(sheet_rows(book, "Participants"), expected);
}

TEST_F(ExportsTest, TemplateAsCsv) {
  auto reply = http().get("/api/v1/bulk/template/participants?format=csv");
  expect_download(reply, "text/csv; charset=utf-8", "participants-template.csv");
  EXPECT_EQ(reply.raw,
            "\xEF\xBB\xBF"
            "name,email,organization,phone\r\n"
            "John Doe,john.doe@example.com,ACME Corp,+1234567890\r\n"
            "Jane Smith,jane.smith@example.com,Tech Inc,+0987654321\r\n");
  std::string bad = "/api/v1/bulk/template/participants?format=pdf";
  expect_validation(http().get(bad), "GET", bad,
                    {{"format", "format must be one of the following values: excel, xlsx, csv"}});
}

// --- B5 session export ---------------------------------------------------------------------------

TEST_F(ExportsTest, SessionExportHasSummaryRegistrationsAndCheckIns) {
  auto session = create_session({{"name", "Café Talk: AI & You"},
                                 {"startTime", "2026-03-02T08:00:00.000Z"},
                                 {"endTime", "2026-03-02T09:00:00.000Z"},
                                 {"location", "Hall B"}});
  auto ana = create_participant({{"name", "Ana, \"the\" Ñoño"}, {"email", "ana@example.org"}, {"organization", "Uni"}});
  auto ben = create_participant({{"name", "Ben"}, {"email", "ben@example.org"}});
  auto cyd = create_participant({{"name", "Cyd"}, {"email", "cyd@example.org"}, {"organization", "Org"}});
  pin_clock("2026-03-02T08:01:00.000Z");
  create_registration(ana, session, "confirmed");
  pin_clock("2026-03-02T08:02:00.000Z");
  create_registration(ben, session, "pending");
  pin_clock("2026-03-02T08:03:00.000Z");
  create_registration(cyd, session, "cancelled");
  check_in(ana, session, "2026-03-02T08:10:00.000Z", "qr");
  check_in(ben, session, "2026-03-02T08:20:00.000Z", "manual");
  pin_clock("2026-03-02T12:00:00.000Z");

  auto reply = http().get("/api/v1/bulk/sessions/" + session + "/export");
  expect_download(reply, kXlsx, "session-caf__talk__ai___you-export-2026-03-02.xlsx");
  auto book = read_xlsx(reply.raw);
  EXPECT_EQ(sheet_names(book), (std::vector<std::string>{"Summary", "Registrations", "Check-ins"}));
  EXPECT_EQ(sheet_rows(book, "Summary"), Json::parse(R"([
    ["field","value"],
    ["Session Name","Café Talk: AI & You"],
    ["Start Time","2026-03-02T08:00:00.000Z"],
    ["End Time","2026-03-02T09:00:00.000Z"],
    ["Location","Hall B"],
    ["Total Registrations",3],
    ["Total Check-ins",2],
    ["Attendance Rate","66.67%"]
  ])"));
  // Newest first.
  EXPECT_EQ(sheet_rows(book, "Registrations"), Json::parse(R"([
    ["participantName","participantEmail","organization","status","registrationDate"],
    ["Cyd","cyd@example.org","Org","cancelled","2026-03-02T08:03:00.000Z"],
    ["Ben","ben@example.org","N/A","pending","2026-03-02T08:02:00.000Z"],
    ["Ana, \"the\" Ñoño","ana@example.org","Uni","confirmed","2026-03-02T08:01:00.000Z"]
  ])"));
  EXPECT_EQ(sheet_rows(book, "Check-ins"), Json::parse(R"([
    ["participantName","participantEmail","organization","checkInTime","method"],
    ["Ben","ben@example.org","N/A","2026-03-02T08:20:00.000Z","manual"],
    ["Ana, \"the\" Ñoño","ana@example.org","Uni","2026-03-02T08:10:00.000Z","qr"]
  ])"));

  // Deleted participants show the defaults.
  ASSERT_EQ(http().del("/api/v1/participants/" + ben).status, 200);
  book = read_xlsx(http().get("/api/v1/bulk/sessions/" + session + "/export").raw);
  EXPECT_EQ(sheet_rows(book, "Check-ins")[1],
            Json::parse(R"(["Unknown","Unknown","N/A","2026-03-02T08:20:00.000Z","manual"])"));
  EXPECT_EQ(sheet_rows(book, "Registrations")[2],
            Json::parse(R"(["Unknown","Unknown","N/A","pending","2026-03-02T08:02:00.000Z"])"));
}

TEST_F(ExportsTest, EmptySessionExportWithoutLocation) {
  auto session = create_session({{"name", "Quiet"}});
  auto reply = http().get("/api/v1/bulk/sessions/" + session + "/export");
  expect_download(reply, kXlsx, "session-quiet-export-2026-03-02.xlsx");
  auto book = read_xlsx(reply.raw);
  auto summary = sheet_rows(book, "Summary");
  EXPECT_EQ(summary[4], Json::parse(R"(["Location","N/A"])"));
  EXPECT_EQ(summary[5], Json::parse(R"(["Total Registrations",0])"));
  EXPECT_EQ(summary[7], Json::parse(R"(["Attendance Rate","0%"])"));
  EXPECT_EQ(sheet_rows(book, "Registrations").size(), 1U);
  EXPECT_EQ(sheet_rows(book, "Check-ins").size(), 1U);
}

TEST_F(ExportsTest, SessionExportAsCsvHasOneSectionPerSheet) {
  auto session = create_session({{"name", "Quiet"}, {"location", "Room, 2"}});
  auto reply = http().get("/api/v1/bulk/sessions/" + session + "/export?format=csv");
  expect_download(reply, "text/csv; charset=utf-8", "session-quiet-export-2026-03-02.csv");
  ASSERT_EQ(reply.raw.rfind(kBom, 0), 0U);
  auto rows = parse_csv(reply.raw.substr(3));
  ASSERT_GE(rows.size(), 14U) << reply.raw;
  EXPECT_EQ(rows[0], std::vector<std::string>{"Summary"});
  EXPECT_EQ(rows[1], (std::vector<std::string>{"field", "value"}));
  EXPECT_EQ(rows[5], (std::vector<std::string>{"Location", "Room, 2"}));
  EXPECT_EQ(rows[6], (std::vector<std::string>{"Total Registrations", "0"}));
  EXPECT_EQ(rows[10], std::vector<std::string>{"Registrations"});
  EXPECT_EQ(rows[13], std::vector<std::string>{"Check-ins"});
}

TEST_F(ExportsTest, SessionExportErrors) {
  std::string unknown = std::string("/api/v1/bulk/sessions/") + kUnknownId + "/export";
  expect_error(http().get(unknown), 404, std::string("Session with ID ") + kUnknownId + " not found", "GET", unknown);
  expect_error(http().get("/api/v1/bulk/sessions/nope/export"), 400, "Invalid ID format: nope", "GET",
               "/api/v1/bulk/sessions/nope/export");
}

}  // namespace
}  // namespace admit::test
