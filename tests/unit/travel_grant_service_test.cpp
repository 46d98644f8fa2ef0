#include "domain/travel_grant_service.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/ambassador_service.hpp"
#include "service_support.hpp"

namespace admit {
namespace {

class TravelGrantServiceTest : public ServiceTest {
 protected:
  Participant with_org(const std::string& name, const std::string& organization) {
    ParticipantFields f;
    f.name = name;
    f.email = name + "@example.org";
    f.organization = organization;
    auto created = participants_.create(uow_, f, at_minutes(-120));
    EXPECT_TRUE(created.ok());
    return created.ok() ? created.value() : Participant{};
  }

  TravelGrantService grants_;
};

TEST_F(TravelGrantServiceTest, QualificationNeedsAnOrganizationAndNoApplication) {
  auto none = make_participant("None", "none@example.org");
  auto q = grants_.qualification(uow_, none.id);
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->qualified);
  EXPECT_EQ(q->reason, "Organization information required");

  auto p = with_org("pat", "Acme");
  EXPECT_TRUE(grants_.qualification(uow_, p.id)->qualified);
  ASSERT_TRUE(grants_.apply(uow_, p.id, kNineAm).ok());
  auto after = grants_.qualification(uow_, p.id);
  EXPECT_FALSE(after->qualified);
  EXPECT_EQ(after->reason, "Already applied for travel grant");
  EXPECT_TRUE(fails_with(grants_.qualification(uow_, kMissingId), ErrorKind::kNotFound,
                         std::string("Participant with ID ") + kMissingId + " not found"));
}

TEST_F(TravelGrantServiceTest, ApplyThenDecideAnyNumberOfTimes) {
  auto p = with_org("pat", "Acme");
  auto applied = grants_.apply(uow_, p.id, at_minutes(1));
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->status, ParticipantStatus::kTravelGrant);
  EXPECT_TRUE(applied->travel_grant_applied);
  EXPECT_EQ(applied->travel_grant_applied_at, at_minutes(1));
  EXPECT_FALSE(applied->travel_grant_approved);
  EXPECT_EQ(application_status(*applied), "pending");

  auto approved = grants_.decide(uow_, p.id, true, at_minutes(2));
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->travel_grant_approved, true);
  EXPECT_EQ(approved->travel_grant_decided_at, at_minutes(2));
  auto rejected = grants_.decide(uow_, p.id, false, at_minutes(3));
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(application_status(*rejected), "rejected");

  auto events = events_of<TravelGrantChanged>();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].status, "applied");
  EXPECT_EQ(events[1].status, "approved");
  EXPECT_EQ(events[2].status, "rejected");
  EXPECT_EQ(events[2].participant_id, p.id);
  EXPECT_EQ(events[2].at, at_minutes(3));

  auto twice = grants_.apply(uow_, p.id, at_minutes(4));
  ASSERT_TRUE(fails_with(twice, ErrorKind::kBadRequest, "Already applied for travel grant"));
}

TEST_F(TravelGrantServiceTest, ApplyRefusesWithoutOrganization) {
  auto p = make_participant("None", "none@example.org");
  auto refused = grants_.apply(uow_, p.id, kNineAm);
  ASSERT_TRUE(fails_with(refused, ErrorKind::kBadRequest, "Organization information required"));
  EXPECT_EQ(refused.error().errors.at(0).field, "organization");
  EXPECT_TRUE(uow_.take_events().empty());
}

TEST_F(TravelGrantServiceTest, DecideNeedsAnApplicationNotJustTheStatus) {
  auto p = with_org("pat", "Acme");
  EXPECT_TRUE(fails_with(grants_.decide(uow_, p.id, true, kNineAm), ErrorKind::kBadRequest,
                         "No travel grant application found"));
  p.status = ParticipantStatus::kTravelGrant;  // set by hand, as PATCH can
  uow_.participants().update(p);
  EXPECT_TRUE(fails_with(grants_.decide(uow_, p.id, true, kNineAm), ErrorKind::kBadRequest,
                         "No travel grant application found"));
  EXPECT_TRUE(fails_with(grants_.decide(uow_, kMissingId, true, kNineAm), ErrorKind::kNotFound,
                         std::string("Participant with ID ") + kMissingId + " not found"));
}

TEST_F(TravelGrantServiceTest, AnAmbassadorWhoAppliesStopsBeingOneButKeepsReferrals) {
  AmbassadorService ambassadors;
  auto a = with_org("amb", "Acme");
  auto q = make_participant("Quinn", "quinn@example.org");
  ASSERT_TRUE(ambassadors.promote(uow_, a.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors.add_referred(uow_, a.id, q.id, kNineAm).ok());
  auto applied = grants_.apply(uow_, a.id, at_minutes(1));
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->status, ParticipantStatus::kTravelGrant);
  EXPECT_EQ(applied->referred_participant_ids, std::vector<std::string>{q.id});
  EXPECT_EQ(applied->ambassador_points, 10);
}

TEST_F(TravelGrantServiceTest, DetailsCountCheckInsAgainstConfirmedRegistrations) {
  auto p = with_org("pat", "Acme");
  auto s1 = make_session({.name = "S1"});
  auto s2 = make_session({.name = "S2"});
  auto s3 = make_session({.name = "S3"});
  register_as(p, s1, RegistrationStatus::kConfirmed);
  register_as(p, s2, RegistrationStatus::kConfirmed);
  register_as(p, s3, RegistrationStatus::kPending);
  ASSERT_TRUE(door_.check_in(uow_, request(p, s1), at_minutes(5)).ok());
  ASSERT_TRUE(door_.check_in(uow_, request(p, s3), at_minutes(6)).ok());

  auto d = grants_.details(uow_, p.id);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->total_check_ins, 2);
  EXPECT_EQ(d->confirmed_registrations, 2);
  ASSERT_EQ(d->last_check_ins.size(), 2u);
  EXPECT_EQ(d->last_check_ins[0].session->name, "S3");  // newest first
  EXPECT_EQ(d->last_check_ins[1].session->name, "S1");
}

}  // namespace
}  // namespace admit
