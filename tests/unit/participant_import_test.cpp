#include "domain/participant_import.hpp"

#include "service_support.hpp"

namespace admit {
namespace {

class ParticipantImportTest : public ServiceTest {
 protected:
  ParticipantImportTest() : importer_(participants_, registrations_) {}

  static ImportRow row(int number, const std::string& name, const std::string& email) {
    ImportRow r;
    r.row = number;
    r.fields.name = name;
    r.fields.email = email;
    return r;
  }

  ParticipantImportService importer_;
};

TEST_F(ParticipantImportTest, CreatesEveryRowAndReportsRejectionsInRowOrder) {
  make_participant("Old", "old@x.org");
  std::vector<ImportRow> rows = {row(2, "Ana", "ana@x.org"), row(4, "Old Again", " OLD@x.org"),
                                 row(5, "Ana Twice", "ANA@x.org"), row(6, "Bo", "bo@x.org")};
  std::vector<ImportRowError> rejected = {{3, "bad", "email must be an email"}};
  auto report = importer_.import_rows(uow_, rows, rejected, std::nullopt, at_minutes(0));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->created, 2);
  EXPECT_EQ(report->failed, 3);
  EXPECT_FALSE(report->registered);
  ASSERT_EQ(report->errors.size(), 3U);
  EXPECT_EQ(report->errors[0].row, 3);
  EXPECT_EQ(report->errors[1].row, 4);
  EXPECT_EQ(report->errors[1].error, "Participant with email \"OLD@x.org\" already exists");
  EXPECT_EQ(report->errors[2].row, 5);
  EXPECT_EQ(report->errors[2].error, "Email \"ANA@x.org\" appears more than once in this file (first in row 2)");
  EXPECT_EQ(uow_.participants().find_by_email("ana@x.org")->name, "Ana");
  EXPECT_TRUE(uow_.participants().find_by_email("bo@x.org"));
}

TEST_F(ParticipantImportTest, RegistersNewAndExistingParticipantsOnce) {
  Session s = make_session();
  Participant old = make_participant("Old", "old@x.org");
  Participant known = make_participant("Known", "known@x.org");
  register_as(known, s, RegistrationStatus::kPending);
  std::vector<ImportRow> rows = {row(2, "Ana", "ana@x.org"), row(3, "Old", "old@x.org"), row(4, "Known", "known@x.org"),
                                 row(5, "Ana", "ana@x.org")};
  auto report = importer_.import_rows(uow_, rows, {}, s.id, at_minutes(0));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->created, 1);
  EXPECT_EQ(report->failed, 3);
  EXPECT_EQ(report->registered.value(), 2);  // Ana and Old; Known was registered already
  auto reg = uow_.registrations().find_for(old.id, s.id);
  ASSERT_TRUE(reg);
  EXPECT_EQ(reg->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(uow_.registrations().find_for(known.id, s.id)->status, RegistrationStatus::kPending);
}

TEST_F(ParticipantImportTest, AnUnknownSessionFailsTheWholeImport) {
  auto report = importer_.import_rows(uow_, {row(2, "Ana", "ana@x.org")}, {}, std::string(kMissingId), at_minutes(0));
  EXPECT_TRUE(fails_with(report, ErrorKind::kNotFound, std::string("Session with ID ") + kMissingId + " not found"));
  EXPECT_FALSE(uow_.participants().find_by_email("ana@x.org"));
}

TEST_F(ParticipantImportTest, ReportsProgress) {
  std::vector<ImportRow> rows;
  for (int i = 0; i < 12000; ++i) {
    // Appended, not `"p" + to_string(i) + ...`: GCC 12 reports a false -Wrestrict for that.
    std::string email = std::to_string(i);
    email.append("@x.org");
    rows.push_back(row(i + 2, "P", email));
  }
  std::vector<std::size_t> seen;
  auto report =
      importer_.import_rows(uow_, rows, {}, std::nullopt, at_minutes(0), [&](std::size_t done, std::size_t total) {
        EXPECT_EQ(total, 12000U);
        seen.push_back(done);
      });
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->created, 12000);
  EXPECT_EQ(seen, (std::vector<std::size_t>{5000, 10000, 12000}));
}

TEST_F(ParticipantImportTest, AssignsSkipsAndFails) {
  Session s = make_session();
  Participant a = make_participant("A", "a@x.org");
  Participant b = make_participant("B", "b@x.org");
  register_as(b, s, RegistrationStatus::kConfirmed);
  auto report = importer_.assign(uow_, s.id, {a.id, b.id, kMissingId, a.id}, at_minutes(0));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->assigned, 1);
  EXPECT_EQ(report->skipped, 2);
  EXPECT_EQ(report->failed, 1);
  ASSERT_EQ(report->errors.size(), 1U);
  EXPECT_EQ(report->errors[0].participant_id, kMissingId);
  EXPECT_EQ(report->errors[0].error, std::string("Participant with ID ") + kMissingId + " not found");
  EXPECT_EQ(uow_.registrations().find_for(a.id, s.id)->status, RegistrationStatus::kConfirmed);
  EXPECT_TRUE(fails_with(importer_.assign(uow_, kMissingId, {a.id}, at_minutes(0)), ErrorKind::kNotFound,
                         std::string("Session with ID ") + kMissingId + " not found"));
}

}  // namespace
}  // namespace admit
