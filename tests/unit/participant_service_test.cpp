#include "domain/participant_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service_support.hpp"

namespace admit {
namespace {

class ParticipantServiceTest : public ServiceTest {
 protected:
  ParticipantFields person(std::string name, std::string email) {
    ParticipantFields f;
    f.name = std::move(name);
    f.email = std::move(email);
    return f;
  }

  // Makes `ambassador` an ambassador who referred `referred`, scored by the only rule.
  Participant refer(Participant ambassador, const std::vector<Participant>& referred) {
    ambassador.status = ParticipantStatus::kAmbassador;
    for (const auto& p : referred)
      ambassador.referred_participant_ids.push_back(p.id);
    ambassador.ambassador_points = ambassador_points_for(ambassador);
    uow_.participants().update(ambassador);
    return ambassador;
  }

  Participant stored(const Participant& p) { return uow_.participants().find(p.id).value(); }
};

TEST(NormalizeEmail, TrimsAndLowercases) {
  EXPECT_EQ(normalize_email("  Jane.Doe@Example.COM\t"), "jane.doe@example.com");
  EXPECT_EQ(normalize_email("a@b.io"), "a@b.io");
  EXPECT_EQ(normalize_email(""), "");
}

TEST(AmbassadorPoints, TenPerReferral) {
  Participant p;
  EXPECT_EQ(ambassador_points_for(p), 0);
  p.referred_participant_ids = {"a", "b", "c"};
  EXPECT_EQ(ambassador_points_for(p), 30);
}

TEST(ParticipantStatusNames, RoundTrip) {
  for (auto status : {ParticipantStatus::kRegular, ParticipantStatus::kAmbassador, ParticipantStatus::kTravelGrant}) {
    EXPECT_EQ(parse_participant_status(to_string(status)), status);
  }
  EXPECT_EQ(to_string(ParticipantStatus::kTravelGrant), "travel_grant");
  EXPECT_FALSE(parse_participant_status("Ambassador"));
}

// --- create ---------------------------------------------------------------------------------

TEST_F(ParticipantServiceTest, CreateNormalisesEmailAndGeneratesAQrCode) {
  auto created = participants_.create(uow_, person("Jane Doe", "  Jane@Example.COM "), kNineAm);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(is_object_id(created->id));
  EXPECT_EQ(created->email, "jane@example.com");
  EXPECT_EQ(created->qr_code, "QR-10000000-000");  // the first draw of the counting random source
  EXPECT_TRUE(created->is_active);
  EXPECT_EQ(created->status, ParticipantStatus::kRegular);
  EXPECT_EQ(created->ambassador_points, 0);
  EXPECT_EQ(created->created_at, kNineAm);

  auto by_email = uow_.participants().find_by_email("jane@example.com");
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->id, created->id);
  EXPECT_EQ(uow_.participants().find_by_qr("QR-10000000-000")->id, created->id);
}

TEST_F(ParticipantServiceTest, DuplicateEmailIgnoresCaseAndEchoesTheInput) {
  ASSERT_TRUE(participants_.create(uow_, person("Jane", "jane@example.com"), kNineAm).ok());
  auto duplicate = participants_.create(uow_, person("Other Jane", " JANE@example.com "), kNineAm);
  ASSERT_TRUE(
      fails_with(duplicate, ErrorKind::kConflict, "Participant with email \"JANE@example.com\" already exists"));
  ASSERT_EQ(duplicate.error().errors.size(), 1u);
  EXPECT_EQ(duplicate.error().errors[0].field, "email");
  EXPECT_EQ(uow_.participants().stats().total, 1);
}

TEST_F(ParticipantServiceTest, GivenQrCodeIsKeptAndMustBeUnique) {
  ParticipantFields f = person("Jane", "jane@example.com");
  f.qr_code = "QR-CUSTOM-1";
  auto created = participants_.create(uow_, f, kNineAm);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->qr_code, "QR-CUSTOM-1");
  EXPECT_EQ(qr_random_.next_u64(), 1u);  // no code was generated

  ParticipantFields clash = person("Bob", "bob@example.com");
  clash.qr_code = "QR-CUSTOM-1";
  auto refused = participants_.create(uow_, clash, kNineAm);
  ASSERT_TRUE(fails_with(refused, ErrorKind::kConflict, "Participant with qrCode \"QR-CUSTOM-1\" already exists"));
  EXPECT_EQ(refused.error().errors.at(0).field, "qrCode");
  EXPECT_FALSE(uow_.participants().find_by_email("bob@example.com"));
}

TEST_F(ParticipantServiceTest, GeneratedCodesSkipCodesAlreadyTaken) {
  // Someone chose the code the generator will draw first.
  ParticipantFields f = person("Jane", "jane@example.com");
  f.qr_code = "QR-10000000-000";
  ASSERT_TRUE(participants_.create(uow_, f, kNineAm).ok());
  auto bob = participants_.create(uow_, person("Bob", "bob@example.com"), kNineAm);
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(bob->qr_code, "QR-20000000-000");
}

TEST_F(ParticipantServiceTest, CreateManyCollectsFailures) {
  ASSERT_TRUE(participants_.create(uow_, person("Jane", "jane@example.com"), kNineAm).ok());
  auto result = participants_.create_many(
      uow_, {person("A", "a@example.com"), person("Jane again", "Jane@Example.com"), person("B", "b@example.com")},
      kNineAm);
  EXPECT_EQ(result.created, 2);
  EXPECT_EQ(result.failed, 1);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].email, "Jane@Example.com");
  EXPECT_EQ(result.errors[0].error, "Participant with email \"Jane@Example.com\" already exists");
  EXPECT_EQ(uow_.participants().stats().total, 3);
}

// --- update ---------------------------------------------------------------------------------

TEST_F(ParticipantServiceTest, UpdateToAnotherParticipantsEmailIsAConflict) {
  make_participant("Jane", "jane@example.com");
  Participant bob = make_participant("Bob", "bob@example.com");
  ParticipantFields f;
  f.email = "Jane@Example.com";
  EXPECT_TRUE(fails_with(participants_.update(uow_, bob.id, f, kNineAm), ErrorKind::kConflict,
                         "Participant with email \"Jane@Example.com\" already exists"));
  EXPECT_EQ(stored(bob).email, "bob@example.com");
}

TEST_F(ParticipantServiceTest, UpdateOwnEmailInAnotherCaseIsFine) {
  Participant jane = make_participant("Jane", "jane@example.com");
  ParticipantFields f;
  f.email = "JANE@EXAMPLE.COM";
  f.organization = "ACME";
  auto updated = participants_.update(uow_, jane.id, f, at_minutes(1));
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(stored(jane).email, "jane@example.com");
  EXPECT_EQ(stored(jane).organization, "ACME");
  EXPECT_EQ(stored(jane).updated_at, at_minutes(1));
}

TEST_F(ParticipantServiceTest, UpdateToATakenQrCodeIsAConflict) {
  Participant jane = make_participant("Jane", "jane@example.com");
  Participant bob = make_participant("Bob", "bob@example.com");
  ParticipantFields f;
  f.qr_code = jane.qr_code;
  EXPECT_TRUE(fails_with(participants_.update(uow_, bob.id, f, kNineAm), ErrorKind::kConflict,
                         "Participant with qrCode \"" + jane.qr_code + "\" already exists"));
  f.qr_code = "QR-NEW-CODE";
  ASSERT_TRUE(participants_.update(uow_, bob.id, f, kNineAm).ok());
  EXPECT_EQ(uow_.participants().find_by_qr("QR-NEW-CODE")->id, bob.id);
  // Keeping one's own code is not a conflict.
  f.qr_code = "QR-NEW-CODE";
  EXPECT_TRUE(participants_.update(uow_, bob.id, f, kNineAm).ok());
}

TEST_F(ParticipantServiceTest, UpdateUnknownParticipant) {
  EXPECT_TRUE(fails_with(participants_.update(uow_, kMissingId, ParticipantFields{}, kNineAm), ErrorKind::kNotFound,
                         "Participant with ID 65a0c0ffee0000000000ffff not found"));
}

// --- remove ---------------------------------------------------------------------------------

TEST_F(ParticipantServiceTest, RemoveDropsReferralsAndRescoresAmbassadors) {
  Participant a = make_participant("Ambassador A", "a@example.com");
  Participant b = make_participant("Ambassador B", "b@example.com");
  Participant x = make_participant("X", "x@example.com");
  Participant y = make_participant("Y", "y@example.com");
  a = refer(a, {x, y});
  b = refer(b, {x});
  ASSERT_EQ(stored(a).ambassador_points, 20);
  ASSERT_EQ(stored(b).ambassador_points, 10);

  auto removed = participants_.remove(uow_, x.id, at_minutes(3));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->id, x.id);
  EXPECT_FALSE(uow_.participants().find(x.id));

  EXPECT_EQ(stored(a).referred_participant_ids, std::vector<std::string>{y.id});
  EXPECT_EQ(stored(a).ambassador_points, 10);
  EXPECT_TRUE(stored(b).referred_participant_ids.empty());
  EXPECT_EQ(stored(b).ambassador_points, 0);
}

TEST_F(ParticipantServiceTest, RemoveLeavesUnrelatedAmbassadorsAlone) {
  Participant a = make_participant("Ambassador A", "a@example.com");
  Participant x = make_participant("X", "x@example.com");
  Participant z = make_participant("Z", "z@example.com");
  a = refer(a, {x});
  ASSERT_TRUE(participants_.remove(uow_, z.id, kNineAm).ok());
  EXPECT_EQ(stored(a).referred_participant_ids, std::vector<std::string>{x.id});
  EXPECT_EQ(stored(a).ambassador_points, 10);
}

TEST_F(ParticipantServiceTest, RemoveDoesNotScoreNonAmbassadors) {
  // Only ambassadors are scored; anyone else's referrals are cleaned up and points left as they are.
  Participant former = make_participant("Former", "f@example.com");
  Participant x = make_participant("X", "x@example.com");
  former.referred_participant_ids = {x.id};
  former.ambassador_points = 5;
  uow_.participants().update(former);
  ASSERT_TRUE(participants_.remove(uow_, x.id, kNineAm).ok());
  EXPECT_TRUE(stored(former).referred_participant_ids.empty());
  EXPECT_EQ(stored(former).ambassador_points, 5);
  EXPECT_EQ(stored(former).status, ParticipantStatus::kRegular);
}

TEST_F(ParticipantServiceTest, RemoveUnknownParticipant) {
  EXPECT_TRUE(fails_with(participants_.remove(uow_, kMissingId, kNineAm), ErrorKind::kNotFound,
                         "Participant with ID 65a0c0ffee0000000000ffff not found"));
}

TEST_F(ParticipantServiceTest, UnusedQrCodeSkipsTakenOnes) {
  EXPECT_EQ(participants_.unused_qr_code(uow_), "QR-10000000-000");
  ParticipantFields f = person("Jane", "jane@example.com");
  f.qr_code = "QR-30000000-000";
  ASSERT_TRUE(participants_.create(uow_, f, kNineAm).ok());
  EXPECT_EQ(participants_.unused_qr_code(uow_), "QR-20000000-000");
  EXPECT_EQ(participants_.unused_qr_code(uow_), "QR-40000000-000");
}

}  // namespace
}  // namespace admit
