#include "realtime/realtime_reads.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/ambassador_service.hpp"
#include "domain/travel_grant_service.hpp"
#include "service_support.hpp"

namespace admit {
namespace {

class RealtimeReadsTest : public ServiceTest {
 protected:
  Participant with_org(const std::string& name, const std::optional<std::string>& organization) {
    ParticipantFields f;
    f.name = name;
    f.email = name + "@example.org";
    f.organization = organization;
    auto created = participants_.create(uow_, f, at_minutes(-120));
    EXPECT_TRUE(created.ok());
    return created.ok() ? created.value() : Participant{};
  }

  CheckIn check_in(const Participant& p, const Session& s) {
    auto outcome = door_.accept(uow_, request(p, s), at_minutes(5));
    EXPECT_TRUE(outcome.ok());
    return outcome.ok() ? outcome->check_in : CheckIn{};
  }

  AmbassadorService ambassadors_;
  TravelGrantService grants_;
};

TEST_F(RealtimeReadsTest, LeaderboardRanksFromOne) {
  auto a = with_org("ann", std::nullopt);
  auto b = with_org("bob", "Acme");
  auto c = with_org("cy", std::nullopt);
  ASSERT_TRUE(ambassadors_.promote(uow_, a.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.promote(uow_, b.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.add_referred(uow_, a.id, c.id, kNineAm).ok());
  auto top = uow_.participants().leaderboard(kRealtimeLeaderboardSize);
  auto json = leaderboard_json(top);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["_id"], a.id);
  EXPECT_EQ(json[0]["rank"], 1);
  EXPECT_EQ(json[0]["referralCount"], 1);
  EXPECT_EQ(json[0]["ambassadorPoints"], 10);
  EXPECT_FALSE(json[0].contains("organization"));  // never set: left out, as the reference does
  EXPECT_EQ(json[1]["organization"], "Acme");
  EXPECT_EQ(json[1]["rank"], 2);
  EXPECT_EQ(rank_in(top, b.id), 2);
  EXPECT_EQ(rank_in(top, c.id), std::nullopt);
}

TEST_F(RealtimeReadsTest, AmbassadorDetailCountsReferralCheckIns) {
  auto s1 = make_session({.name = "One"});
  auto s2 = make_session({.name = "Two"});
  auto amb = with_org("amb", std::nullopt);
  auto busy = with_org("busy", std::nullopt);
  auto idle = with_org("idle", std::nullopt);
  ASSERT_TRUE(ambassadors_.promote(uow_, amb.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.add_referred(uow_, amb.id, busy.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.add_referred(uow_, amb.id, idle.id, kNineAm).ok());
  auto own = check_in(amb, s1);
  check_in(busy, s1);
  check_in(busy, s2);

  auto detail = ambassador_detail(uow_, amb.id);
  ASSERT_TRUE(detail);
  const Json& d = *detail;
  EXPECT_EQ(d["ambassador"]["referralCount"], 2);
  EXPECT_EQ(d["ambassador"]["ambassadorPoints"], 20);
  ASSERT_EQ(d["referredParticipants"].size(), 2u);
  EXPECT_EQ(d["referredParticipants"][0]["_id"], busy.id);
  EXPECT_EQ(d["referredParticipants"][0]["checkInsCount"], 2);
  EXPECT_TRUE(d["referredParticipants"][0]["lastCheckIn"].is_string());
  EXPECT_EQ(d["referredParticipants"][1]["checkInsCount"], 0);
  EXPECT_TRUE(d["referredParticipants"][1]["lastCheckIn"].is_null());
  ASSERT_EQ(d["checkIns"].size(), 1u);
  EXPECT_EQ(d["checkIns"][0]["_id"], own.id);
  EXPECT_EQ(d["checkIns"][0]["sessionId"], s1.id);  // the id, not the reference's session dump
  EXPECT_EQ(d["stats"],
            (Json{{"totalReferrals", 2}, {"activeReferrals", 2}, {"totalCheckIns", 1}, {"referralCheckIns", 2}}));
  EXPECT_FALSE(ambassador_detail(uow_, kMissingId));
}

TEST_F(RealtimeReadsTest, TravelGrantDetailPeersMatchTheOrganizationExactly) {
  auto s = make_session();
  auto pat = with_org("pat", "Acme");
  ASSERT_TRUE(grants_.apply(uow_, pat.id, kNineAm).ok());
  check_in(pat, s);
  for (int i = 0; i < 11; ++i)
    with_org("peer" + std::to_string(i), i % 2 ? " acme " : "ACME");
  with_org("other", "Acme Corp");  // a longer name is another organization

  auto detail = travel_grant_detail(uow_, pat.id);
  ASSERT_TRUE(detail);
  const Json& d = *detail;
  EXPECT_EQ(d["participant"]["status"], "travel_grant");
  EXPECT_TRUE(d["participant"]["travelGrantApproved"].is_null());
  EXPECT_EQ(d["organizationPeers"].size(), 10u);  // listed up to ten, all of them counted
  EXPECT_EQ(d["stats"]["organizationPeersCount"], 11);
  EXPECT_EQ(d["stats"]["totalCheckIns"], 1);
  EXPECT_EQ(d["checkIns"][0]["sessionId"], s.id);
  for (const auto& peer : d["organizationPeers"])
    EXPECT_NE(peer["_id"], pat.id);

  auto alone = with_org("alone", std::nullopt);
  auto none = travel_grant_detail(uow_, alone.id);
  ASSERT_TRUE(none);
  EXPECT_EQ((*none)["stats"]["organizationPeersCount"], 0);  // the reference said -1
  EXPECT_TRUE((*none)["organizationPeers"].empty());
  EXPECT_FALSE(travel_grant_detail(uow_, kMissingId));
}

TEST_F(RealtimeReadsTest, TravelGrantsDataHasApplicationsAndStats) {
  auto pat = with_org("pat", "Acme");
  with_org("lee", "Acme");
  ASSERT_TRUE(grants_.apply(uow_, pat.id, kNineAm).ok());
  ASSERT_TRUE(grants_.decide(uow_, pat.id, true, kNineAm).ok());
  auto data = travel_grants_data(uow_);
  ASSERT_EQ(data["applications"].size(), 1u);
  EXPECT_EQ(data["applications"][0]["_id"], pat.id);
  EXPECT_EQ(data["stats"], (Json{{"total", 1}, {"pending", 0}, {"approved", 1}, {"rejected", 0}}));
}

}  // namespace
}  // namespace admit
