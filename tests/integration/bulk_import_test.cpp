// Bulk imports and assignment (contract §3.6 B2-B4, §1.9 uploads) over HTTP against the real
// binary, plus `admit import participants`. The reference's e2e list for bulk is the checklist.

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kUnknownId = "507f1f77bcf86cd799439011";
const std::string kUpload = "/api/v1/bulk/upload/participants";
const std::string kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const std::string kInvalidType = "Invalid file type. Only Excel and CSV files are allowed.";
const std::string kNoFile = "No file uploaded: send the spreadsheet as the multipart/form-data field \"file\"";

std::string upload_to(const std::string& session_id) {
  return "/api/v1/bulk/upload/sessions/" + session_id + "/participants";
}
std::string assign_to(const std::string& session_id) { return "/api/v1/bulk/sessions/" + session_id + "/assign"; }

std::string multipart(const std::string& content, const std::string& filename, const std::string& type,
                      const std::string& field = "file") {
  return "--XyZzy\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename +
         "\"\r\nContent-Type: " + type + "\r\n\r\n" + content + "\r\n--XyZzy--\r\n";
}

std::string csv_of(int n, int first = 0) {
  std::string out = "name,email,organization,phone\n";
  for (int i = first; i < first + n; ++i)
    out += "Person " + std::to_string(i) + ",person" + std::to_string(i) + "@example.org,Org,+49" +
           std::to_string(1000 + i) + "\n";
  return out;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class BulkImportTest : public ApiTest {
 protected:
  Reply upload(const std::string& target, const std::string& content, const std::string& filename = "people.csv",
               const std::string& type = "text/csv") {
    return http().request_raw("POST", target, multipart(content, filename, type),
                              "multipart/form-data; boundary=XyZzy");
  }

  // The report of a successful upload, checked for the rule-3 envelope.
  Json imported(const std::string& target, const std::string& content, const std::string& filename = "people.csv",
                const std::string& type = "text/csv") {
    auto reply = upload(target, content, filename, type);
    expect_success(reply, 200, "Success", target);
    return reply.body.value("data", Json::object());
  }

  Json all_participants() {
    auto reply = http().get("/api/v1/participants?limit=100&sortBy=email&sortOrder=asc");
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body.value("data", Json::array());
  }

  int participant_total() { return http().get("/api/v1/participants/stats").data().value("total", -1); }

  int registrations_of(const std::string& session_id) {
    auto reply = http().get("/api/v1/registrations?sessionId=" + session_id);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body["meta"].value("total", -1);
  }

  std::vector<std::string> participant_ids(int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i)
      ids.push_back(create_participant());
    return ids;
  }
};

// ---------------------------------------------------------------------------------------------
// B2 upload

TEST_F(BulkImportTest, UploadThreeRows) {
  Json d = imported(kUpload, csv_of(3));
  EXPECT_EQ(d, (Json{{"created", 3}, {"failed", 0}}));  // errors omitted when empty
  Json people = all_participants();
  ASSERT_EQ(people.size(), 3U);
  EXPECT_EQ(people[0]["name"], "Person 0");
  EXPECT_EQ(people[0]["email"], "person0@example.org");
  EXPECT_EQ(people[0]["organization"], "Org");
  EXPECT_EQ(people[0]["phone"], "+491000");
  EXPECT_TRUE(is_object_id(people[0]["_id"]));
}

TEST_F(BulkImportTest, UploadOneAndAHundredRows) {
  EXPECT_EQ(imported(kUpload, csv_of(1)), (Json{{"created", 1}, {"failed", 0}}));
  EXPECT_EQ(imported(kUpload, csv_of(100, 1)), (Json{{"created", 100}, {"failed", 0}}));
  EXPECT_EQ(participant_total(), 101);
}

TEST_F(BulkImportTest, DuplicateEmailInTheFileIsReportedPerRow) {
  Json d = imported(kUpload, "name,email\nA,a@x.org\nB,b@x.org\nA again,A@X.org\n");
  EXPECT_EQ(d["created"], 2);
  EXPECT_EQ(d["failed"], 1);
  ASSERT_EQ(d["errors"].size(), 1U);
  EXPECT_EQ(keys_of(d["errors"][0]), (std::vector<std::string>{"row", "email", "error"}));
  EXPECT_EQ(d["errors"][0]["row"], 4);
  EXPECT_EQ(d["errors"][0]["email"], "A@X.org");
  EXPECT_EQ(d["errors"][0]["error"], "Email \"A@X.org\" appears more than once in this file (first in row 2)");
}

TEST_F(BulkImportTest, ExistingParticipantIsAFailedRow) {
  create_participant({{"email", "old@x.org"}});
  Json d = imported(kUpload, "name,email\nOld,old@x.org\nNew,new@x.org\n");
  EXPECT_EQ(d["created"], 1);
  EXPECT_EQ(
      d["errors"][0],
      (Json{{"row", 2}, {"email", "old@x.org"}, {"error", "Participant with email \"old@x.org\" already exists"}}));
}

TEST_F(BulkImportTest, OptionalColumnsMayBeMissingAndCellsArePadded) {
  EXPECT_EQ(imported(kUpload, "email,name\n  pad@x.org  ,   Padded Name \n"), (Json{{"created", 1}, {"failed", 0}}));
  Json people = all_participants();
  ASSERT_EQ(people.size(), 1U);
  EXPECT_EQ(people[0]["name"], "Padded Name");
  EXPECT_EQ(people[0]["email"], "pad@x.org");
  EXPECT_FALSE(people[0].contains("organization"));
  EXPECT_FALSE(people[0].contains("phone"));
}

TEST_F(BulkImportTest, MissingEmailColumnFailsEveryRow) {
  Json d = imported(kUpload, "name,organization\nAna,ACME\n");
  EXPECT_EQ(d["created"], 0);
  EXPECT_EQ(d["failed"], 1);
  EXPECT_EQ(d["errors"][0], (Json{{"row", 2}, {"email", "unknown"}, {"error", "Name and email are required"}}));
}

TEST_F(BulkImportTest, EmptySheetsImportNothing) {
  EXPECT_EQ(imported(kUpload, ""), (Json{{"created", 0}, {"failed", 0}}));
  EXPECT_EQ(imported(kUpload, "name,email,organization,phone\n\n,,,\n"), (Json{{"created", 0}, {"failed", 0}}));
}

TEST_F(BulkImportTest, InvalidEmailIsReportedAndNotStored) {
  Json d = imported(kUpload, "name,email\nBad,not-an-email\n");
  EXPECT_EQ(d["created"], 0);
  EXPECT_EQ(d["failed"], 1);
  EXPECT_EQ(d["errors"][0]["error"], "email must be an email");
  EXPECT_EQ(participant_total(), 0);
}

TEST_F(BulkImportTest, CsvWithQuotesCommasLineBreaksUtf8AndABom) {
  std::string csv =
      "\xEF\xBB\xBFname,email,organization,phone\r\n"
      "\"Doe, Jane\",jane@x.org,\"ACME \"\"Labs\"\"\",\r\n"
      "\"Jos\xC3\xA9\nM\xC3\xBCller\",jose@x.org,\xE6\x9D\xB1\xE4\xBA\xAC,123\r\n";
  EXPECT_EQ(imported(kUpload, csv), (Json{{"created", 2}, {"failed", 0}}));
  Json people = all_participants();
  ASSERT_EQ(people.size(), 2U);
  EXPECT_EQ(people[0]["name"], "Doe, Jane");
  EXPECT_EQ(people[0]["organization"], "ACME \"Labs\"");
  EXPECT_EQ(people[1]["name"], "Jos\xC3\xA9\nM\xC3\xBCller");
  EXPECT_EQ(people[1]["organization"], "\xE6\x9D\xB1\xE4\xBA\xAC");
}

TEST_F(BulkImportTest, BrokenCsvIsA400) {
  auto reply = upload(kUpload, "name,email\n\"open,a@x.org\n");
  expect_error(reply, 400, "Invalid CSV file: unterminated quoted field (line 2)", "POST", kUpload);
}

TEST_F(BulkImportTest, XlsxWrittenByOpenpyxlWithANumericPhone) {
  if (std::system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) GTEST_SKIP() << "no openpyxl";
  const auto script = std::filesystem::path(__FILE__).parent_path().parent_path() / "tools" / "make_xlsx.py";
  const auto out = server().data_dir() / "openpyxl.xlsx";
  std::string rows = R"([["name","email","organization","phone"],["Zo\u00eb","zoe@x.org",null,4915112345678],)"
                     R"([" Bo ","bo@x.org","ACME",null],["Bad","bad",null,null]])";
  std::string command = "/usr/bin/python3 '" + script.string() + "' '" + out.string() + "' '" + rows + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  // Declared as a generic binary: the name and the zip signature tell what it is.
  Json d = imported(kUpload, slurp(out), "people.xlsx", "application/octet-stream");
  EXPECT_EQ(d["created"], 2);
  EXPECT_EQ(d["failed"], 1);
  EXPECT_EQ(d["errors"][0]["row"], 4);
  Json people = all_participants();
  ASSERT_EQ(people.size(), 2U);
  EXPECT_EQ(people[0]["name"], "Bo");
  EXPECT_EQ(people[1]["name"], "Zo\xC3\xAB");
  EXPECT_EQ(people[1]["phone"], "4915112345678");
}

TEST_F(BulkImportTest, FileErrors) {
  expect_error(upload(kUpload, "just text\n", "notes.txt", "text/plain"), 400, kInvalidType, "POST", kUpload);
  // Declared as xlsx but neither a zip nor text.
  expect_error(upload(kUpload, std::string("\x89PNG\r\n\x1a\n\0\0", 10), "a.xlsx", kXlsxType), 400, kInvalidType,
               "POST", kUpload);
  auto missing = http().request_raw("POST", kUpload, multipart("a,b\n", "a.csv", "text/csv", "document"),
                                    "multipart/form-data; boundary=XyZzy");
  expect_error(missing, 400, kNoFile, "POST", kUpload, true);
  EXPECT_EQ(field_errors(missing), (FieldErrors{{"file", kNoFile}}));
  expect_error(http().post(kUpload, Json::object()), 400, kNoFile, "POST", kUpload, true);
  expect_error(http().request_raw("POST", kUpload, "garbage", "multipart/form-data; boundary=XyZzy"), 400,
               "Malformed multipart body: no opening boundary", "POST", kUpload);
}

TEST_F(BulkImportTest, FileOverTenMebibytesIs413) {
  std::string big = csv_of(1) + std::string(10 * 1024 * 1024, 'x');
  expect_error(upload(kUpload, big), 413, "File too large", "POST", kUpload);
  EXPECT_EQ(participant_total(), 0);
}

TEST_F(BulkImportTest, DryRunReportsAndWritesNothing) {
  create_participant({{"email", "old@x.org"}});
  std::string target = kUpload + "?dryRun=true";
  auto reply = upload(target, "name,email\nOld,old@x.org\nNew,new@x.org\nBad,bad\n");
  expect_success(reply, 200, "Success", target);
  Json d = reply.data();
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"created", "failed", "errors", "dryRun"}));
  EXPECT_EQ(d["created"], 1);
  EXPECT_EQ(d["failed"], 2);
  EXPECT_EQ(d["dryRun"], true);
  EXPECT_EQ(participant_total(), 1);
  // The real import then does exactly what the rehearsal said.
  Json real = imported(kUpload, "name,email\nOld,old@x.org\nNew,new@x.org\nBad,bad\n");
  d.erase("dryRun");
  EXPECT_EQ(real, d);
  expect_validation(upload(kUpload + "?dryRun=maybe", "name,email\n"), "POST", kUpload + "?dryRun=maybe",
                    {{"dryRun", "dryRun must be a boolean value"}});
}

TEST_F(BulkImportTest, DryRunIntoASessionRegistersNobody) {
  auto session = create_session();
  Json d = imported(upload_to(session) + "?dryRun=1", "name,email\nA,a@x.org\nB,b@x.org\n");
  EXPECT_EQ(d, (Json{{"created", 2}, {"failed", 0}, {"registered", 2}, {"dryRun", true}}));
  EXPECT_EQ(registrations_of(session), 0);
  EXPECT_EQ(participant_total(), 0);
}

TEST_F(BulkImportTest, HundredThousandRowsInOneRequest) {
  std::string csv = csv_of(100000);
  auto start = std::chrono::steady_clock::now();
  Json d = imported(kUpload, csv);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(d, (Json{{"created", 100000}, {"failed", 0}}));
  EXPECT_EQ(participant_total(), 100000);
  std::printf("100,000-row CSV imported over HTTP in %lld ms\n", static_cast<long long>(ms));
}

// ---------------------------------------------------------------------------------------------
// B3 upload into a session

TEST_F(BulkImportTest, UploadToSessionRegistersEveryone) {
  auto session = create_session();
  std::string target = upload_to(session);
  EXPECT_EQ(imported(target, "name,email\nA,a@x.org\nB,b@x.org\n"),
            (Json{{"created", 2}, {"failed", 0}, {"registered", 2}}));
  auto regs = http().get("/api/v1/registrations?sessionId=" + session);
  ASSERT_EQ(regs.data().size(), 2U);
  for (const auto& r : regs.data())
    EXPECT_EQ(r["status"], "confirmed");
}

TEST_F(BulkImportTest, UploadToSessionRegistersExistingParticipantsOnce) {
  auto session = create_session();
  auto known = create_participant({{"email", "known@x.org"}});
  create_participant({{"email", "old@x.org"}});
  create_registration(known, session, "pending");
  Json d = imported(upload_to(session), "name,email\nOld,old@x.org\nKnown,known@x.org\nNew,new@x.org\n");
  EXPECT_EQ(d["created"], 1);
  EXPECT_EQ(d["failed"], 2);
  EXPECT_EQ(d["registered"], 2);  // old and new; known was registered already
  EXPECT_EQ(registrations_of(session), 3);
}

TEST_F(BulkImportTest, UploadToUnknownOrInvalidSession) {
  std::string target = upload_to(kUnknownId);
  expect_error(upload(target, csv_of(2)), 404, std::string("Session with ID ") + kUnknownId + " not found", "POST",
               target);
  EXPECT_EQ(participant_total(), 0);  // nothing half-imported
  expect_error(upload(upload_to("nope"), csv_of(1)), 400, "Invalid ID format: nope", "POST", upload_to("nope"));
}

// ---------------------------------------------------------------------------------------------
// B4 assign

TEST_F(BulkImportTest, AssignFive) {
  auto session = create_session();
  auto reply = http().post(assign_to(session), {{"participantIds", participant_ids(5)}});
  expect_success(reply, 200, "Success", assign_to(session));
  EXPECT_EQ(reply.data(), (Json{{"assigned", 5}, {"skipped", 0}, {"failed", 0}}));
  EXPECT_EQ(registrations_of(session), 5);
}

TEST_F(BulkImportTest, AssignSkipsTheAlreadyRegistered) {
  auto session = create_session();
  auto ids = participant_ids(5);
  create_registration(ids[0], session);
  auto reply = http().post(assign_to(session), {{"participantIds", ids}});
  EXPECT_EQ(reply.data(), (Json{{"assigned", 4}, {"skipped", 1}, {"failed", 0}}));
}

TEST_F(BulkImportTest, AssignAHundred) {
  auto session = create_session();
  imported(kUpload, csv_of(100));
  auto list = http().get("/api/v1/participants?limit=100");
  std::vector<std::string> ids = column(list.data(), "_id");
  ASSERT_EQ(ids.size(), 100U);
  auto reply = http().post(assign_to(session), {{"participantIds", ids}});
  EXPECT_EQ(reply.data()["assigned"], 100);
  EXPECT_EQ(registrations_of(session), 100);
}

TEST_F(BulkImportTest, AssignReportsUnknownParticipants) {
  auto session = create_session();
  auto ids = participant_ids(1);
  ids.emplace_back(kUnknownId);
  auto reply = http().post(assign_to(session), {{"participantIds", ids}});
  EXPECT_EQ(reply.data(), (Json{{"assigned", 1},
                                {"skipped", 0},
                                {"failed", 1},
                                {"errors",
                                 {{{"participantId", kUnknownId},
                                   {"error", std::string("Participant with ID ") + kUnknownId + " not found"}}}}}));
}

TEST_F(BulkImportTest, AssignValidation) {
  auto session = create_session();
  std::string target = assign_to(session);
  expect_validation(http().post(target, {{"participantIds", Json::array()}}), "POST", target,
                    {{"participantIds", "participantIds should not be empty"}});
  expect_validation(http().post(target, {{"participantIds", {"nope"}}}), "POST", target,
                    {{"participantIds", "each value in participantIds must be a mongodb id"}});
  auto unknown = assign_to(kUnknownId);
  expect_error(http().post(unknown, {{"participantIds", participant_ids(1)}}), 404,
               std::string("Session with ID ") + kUnknownId + " not found", "POST", unknown);
  expect_error(http().post(assign_to("bad"), {{"participantIds", participant_ids(1)}}), 400, "Invalid ID format: bad",
               "POST", assign_to("bad"));
}

// ---------------------------------------------------------------------------------------------
// admit import participants

struct CommandOutput {
  int status = -1;
  std::string out;
};

CommandOutput run_admit(const std::string& args) {
  std::string command = std::string(ADMIT_BINARY) + " " + args + " 2>&1";
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
    result.out += buffer;
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(ImportCommand, ImportsAFileIntoTheDataDirectory) {
  auto dir = std::filesystem::temp_directory_path() / ("admit-import-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "people.csv") << "name,email\nA,a@x.org\nB,bad\nC,c@x.org\n";
  std::string data = " --log-level warn --data '" + (dir / "data").string() + "'";
  auto dry = run_admit("import participants '" + (dir / "people.csv").string() + "' --dry-run" + data);
  EXPECT_EQ(dry.status, 0) << dry.out;
  EXPECT_NE(dry.out.find("dry run (nothing written): 2 created, 1 failed"), std::string::npos) << dry.out;
  auto real = run_admit("import participants '" + (dir / "people.csv").string() + "'" + data);
  EXPECT_EQ(real.status, 0) << real.out;
  EXPECT_NE(real.out.find("2 created, 1 failed"), std::string::npos) << real.out;
  EXPECT_NE(real.out.find("row 3 (bad): email must be an email"), std::string::npos) << real.out;
  auto again = run_admit("import participants '" + (dir / "people.csv").string() + "'" + data);
  EXPECT_NE(again.out.find("0 created, 3 failed"), std::string::npos) << again.out;
  auto unknown =
      run_admit("import participants '" + (dir / "people.csv").string() + "' --session " + kUnknownId + data);
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.out.find("not found"), std::string::npos) << unknown.out;
  std::ofstream(dir / "notes.txt") << "hello\n";
  auto txt = run_admit("import participants '" + (dir / "notes.txt").string() + "'" + data);
  EXPECT_EQ(txt.status, 1);
  EXPECT_NE(txt.out.find(kInvalidType), std::string::npos) << txt.out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace admit::test
