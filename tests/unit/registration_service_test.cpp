#include "domain/registration_service.hpp"

#include <gtest/gtest.h>

#include "service_support.hpp"

namespace admit {
namespace {

class RegistrationServiceTest : public ServiceTest {
 protected:
  RegistrationServiceTest() : jane_(make_participant("Jane", "jane@example.com")), session_(make_session()) {}

  Participant jane_;
  Session session_;
};

TEST(RegistrationStatusNames, RoundTripAndConfirmed) {
  for (auto status : {RegistrationStatus::kConfirmed, RegistrationStatus::kPending, RegistrationStatus::kCancelled}) {
    EXPECT_EQ(parse_registration_status(to_string(status)), status);
    Registration r;
    r.status = status;
    EXPECT_EQ(r.confirmed(), status == RegistrationStatus::kConfirmed);
  }
  EXPECT_FALSE(parse_registration_status("CONFIRMED"));
  EXPECT_EQ(Registration{}.status, RegistrationStatus::kPending);
}

TEST_F(RegistrationServiceTest, CreateDefaultsToPending) {
  auto created = registrations_.create(uow_, {jane_.id, session_.id, std::nullopt, "VIP"}, kNineAm);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_TRUE(is_object_id(created->id));
  EXPECT_EQ(created->status, RegistrationStatus::kPending);
  EXPECT_EQ(created->notes, "VIP");
  EXPECT_EQ(created->registration_date, kNineAm);
  auto row = uow_.registrations().find_for(jane_.id, session_.id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->id, created->id);
  EXPECT_EQ(row->status, RegistrationStatus::kPending);
}

TEST_F(RegistrationServiceTest, DuplicateIsAConflictWithTheReferenceMessage) {
  ASSERT_TRUE(registrations_.create(uow_, {jane_.id, session_.id, RegistrationStatus::kConfirmed, {}}, kNineAm).ok());
  EXPECT_TRUE(
      fails_with(registrations_.create(uow_, {jane_.id, session_.id, std::nullopt, {}}, kNineAm), ErrorKind::kConflict,
                 "Registration with participant-session \"" + jane_.id + "-" + session_.id + "\" already exists"));
  EXPECT_EQ(uow_.registrations().find_for(jane_.id, session_.id)->status, RegistrationStatus::kConfirmed);
}

TEST_F(RegistrationServiceTest, RefusesUnknownParticipantOrSession) {
  EXPECT_TRUE(fails_with(registrations_.create(uow_, {kMissingId, session_.id, std::nullopt, {}}, kNineAm),
                         ErrorKind::kNotFound, "Participant with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_TRUE(fails_with(registrations_.create(uow_, {jane_.id, kMissingId, std::nullopt, {}}, kNineAm),
                         ErrorKind::kNotFound, "Session with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_EQ(uow_.registrations().stats(kNineAm).total, 0);
}

TEST_F(RegistrationServiceTest, UpdateChangesStatusAndNotes) {
  auto created = registrations_.create(uow_, {jane_.id, session_.id, std::nullopt, "first"}, kNineAm);
  ASSERT_TRUE(created.ok());
  auto confirmed =
      registrations_.update(uow_, created->id, RegistrationStatus::kConfirmed, std::nullopt, at_minutes(1));
  ASSERT_TRUE(confirmed.ok());
  EXPECT_EQ(confirmed->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(confirmed->notes, "first");
  auto noted = registrations_.update(uow_, created->id, std::nullopt, "second", at_minutes(2));
  ASSERT_TRUE(noted.ok());
  auto row = uow_.registrations().find(created->id);
  EXPECT_EQ(row->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(row->notes, "second");
  EXPECT_EQ(row->updated_at, at_minutes(2));
  EXPECT_EQ(row->created_at, kNineAm);
}

TEST_F(RegistrationServiceTest, UpdateAndRemoveUnknown) {
  EXPECT_TRUE(fails_with(registrations_.update(uow_, kMissingId, RegistrationStatus::kConfirmed, std::nullopt, kNineAm),
                         ErrorKind::kNotFound, "Registration with ID 65a0c0ffee0000000000ffff not found"));
  EXPECT_TRUE(fails_with(registrations_.remove(uow_, kMissingId), ErrorKind::kNotFound,
                         "Registration with ID 65a0c0ffee0000000000ffff not found"));
}

TEST_F(RegistrationServiceTest, RemoveAllowsRegisteringAgain) {
  auto created = registrations_.create(uow_, {jane_.id, session_.id, std::nullopt, {}}, kNineAm);
  ASSERT_TRUE(created.ok());
  auto removed = registrations_.remove(uow_, created->id);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->id, created->id);
  EXPECT_FALSE(uow_.registrations().find(created->id));
  EXPECT_TRUE(registrations_.create(uow_, {jane_.id, session_.id, std::nullopt, {}}, kNineAm).ok());
}

}  // namespace
}  // namespace admit
