#include "domain/ambassador_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service_support.hpp"

namespace admit {
namespace {

class AmbassadorServiceTest : public ServiceTest {
 protected:
  Participant member(const std::string& name, const std::string& email, std::optional<std::string> organization) {
    ParticipantFields f;
    f.name = name;
    f.email = email;
    f.organization = std::move(organization);
    auto created = participants_.create(uow_, f, at_minutes(-120));
    EXPECT_TRUE(created.ok());
    return created.ok() ? created.value() : Participant{};
  }

  Participant ambassador(const std::string& name, std::optional<std::string> organization = std::nullopt) {
    Participant p = member(name, name + "@example.org", std::move(organization));
    auto promoted = ambassadors_.promote(uow_, p.id, kNineAm);
    EXPECT_TRUE(promoted.ok());
    uow_.take_events();
    return promoted.ok() ? promoted.value() : Participant{};
  }

  Participant stored(const Participant& p) { return uow_.participants().find(p.id).value(); }

  AmbassadorService ambassadors_;
};

TEST_F(AmbassadorServiceTest, AddReferredScoresTenPerReferralWithoutDuplicates) {
  auto a = ambassador("amb");
  auto p1 = make_participant("One", "one@example.org");
  auto p2 = make_participant("Two", "two@example.org");
  ASSERT_TRUE(ambassadors_.add_referred(uow_, a.id, p1.id, at_minutes(1)).ok());
  auto again = ambassadors_.add_referred(uow_, a.id, p1.id, at_minutes(2));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->ambassador_points, 10);
  auto two = ambassadors_.add_referred(uow_, a.id, p2.id, at_minutes(3));
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->ambassador_points, 20);
  EXPECT_EQ(stored(a).referred_participant_ids, (std::vector<std::string>{p1.id, p2.id}));

  auto events = events_of<AmbassadorScoreChanged>();
  ASSERT_EQ(events.size(), 2u);  // the duplicate changed nothing
  EXPECT_EQ(events[1].ambassador_id, a.id);
  EXPECT_EQ(events[1].previous_score, 10);
  EXPECT_EQ(events[1].new_score, 20);
  EXPECT_EQ(events[1].referral_count, 2);
}

TEST_F(AmbassadorServiceTest, AddReferredRefusals) {
  auto a = ambassador("amb");
  auto regular = make_participant("Reg", "reg@example.org");
  EXPECT_TRUE(fails_with(ambassadors_.add_referred(uow_, kMissingId, regular.id, kNineAm), ErrorKind::kNotFound,
                         std::string("Ambassador with ID ") + kMissingId + " not found"));
  EXPECT_TRUE(fails_with(ambassadors_.add_referred(uow_, regular.id, a.id, kNineAm), ErrorKind::kBadRequest,
                         "Participant is not an ambassador"));
  auto self = ambassadors_.add_referred(uow_, a.id, a.id, kNineAm);
  ASSERT_TRUE(fails_with(self, ErrorKind::kBadRequest, "An ambassador cannot refer themselves"));
  EXPECT_EQ(self.error().errors.at(0).field, "participantId");
  EXPECT_TRUE(fails_with(ambassadors_.add_referred(uow_, a.id, kMissingId, kNineAm), ErrorKind::kNotFound,
                         std::string("Participant with ID ") + kMissingId + " not found"));
  EXPECT_TRUE(stored(a).referred_participant_ids.empty());
}

TEST_F(AmbassadorServiceTest, RemoveReferredChecksTheAmbassadorBeforeChangingAnything) {
  auto a = ambassador("amb");
  auto p1 = make_participant("One", "one@example.org");
  ASSERT_TRUE(ambassadors_.add_referred(uow_, a.id, p1.id, kNineAm).ok());
  // A regular participant who holds referrals (kept from an earlier ambassadorship).
  auto regular = make_participant("Reg", "reg@example.org");
  regular.referred_participant_ids = {p1.id};
  uow_.participants().update(regular);

  EXPECT_TRUE(fails_with(ambassadors_.remove_referred(uow_, regular.id, p1.id, kNineAm), ErrorKind::kBadRequest,
                         "Participant is not an ambassador"));
  EXPECT_EQ(stored(regular).referred_participant_ids, std::vector<std::string>{p1.id});

  auto removed = ambassadors_.remove_referred(uow_, a.id, p1.id, at_minutes(1));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->ambassador_points, 0);
  EXPECT_TRUE(removed->referred_participant_ids.empty());
  // Removing someone never referred succeeds and changes nothing.
  EXPECT_TRUE(ambassadors_.remove_referred(uow_, a.id, regular.id, at_minutes(2)).ok());
  EXPECT_TRUE(fails_with(ambassadors_.remove_referred(uow_, kMissingId, p1.id, kNineAm), ErrorKind::kNotFound,
                         std::string("Ambassador with ID ") + kMissingId + " not found"));
}

TEST_F(AmbassadorServiceTest, SyncMatchesTheTrimmedOrganizationExactlyIgnoringCase) {
  auto a = ambassador("amb", "Acme Corp");
  auto same = member("Same", "same@example.org", "acme corp");
  auto spaced = member("Spaced", "spaced@example.org", "  ACME CORP ");
  member("Prefix", "prefix@example.org", "Acme Corporation");
  member("Regex", "regex@example.org", "Acme.Corp");
  member("None", "none@example.org", std::nullopt);
  auto other_amb = ambassador("amb2", "Acme Corp");
  auto manual = make_participant("Manual", "manual@example.org");
  ASSERT_TRUE(ambassadors_.add_referred(uow_, a.id, manual.id, kNineAm).ok());

  auto synced = ambassadors_.sync_referrals(uow_, a.id, at_minutes(5));
  ASSERT_TRUE(synced.ok()) << synced.error().message;
  EXPECT_EQ(synced->added_count, 2);
  EXPECT_EQ(synced->total_referrals, 3);
  EXPECT_EQ(synced->ambassador.referred_participant_ids, (std::vector<std::string>{manual.id, same.id, spaced.id}));
  EXPECT_EQ(synced->ambassador.ambassador_points, 30);
  EXPECT_EQ(stored(a).ambassador_points, 30);
  (void)other_amb;

  auto again = ambassadors_.sync_referrals(uow_, a.id, at_minutes(6));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added_count, 0);
  EXPECT_EQ(again->total_referrals, 3);
}

TEST_F(AmbassadorServiceTest, SyncRefusals) {
  auto a = ambassador("amb");
  auto regular = member("Reg", "reg@example.org", "Acme");
  auto no_org = ambassadors_.sync_referrals(uow_, a.id, kNineAm);
  ASSERT_TRUE(fails_with(no_org, ErrorKind::kBadRequest, "Ambassador must have an organization to sync referrals"));
  EXPECT_EQ(no_org.error().errors.at(0).field, "organization");
  EXPECT_TRUE(fails_with(ambassadors_.sync_referrals(uow_, regular.id, kNineAm), ErrorKind::kBadRequest,
                         "Participant is not an ambassador"));
  EXPECT_TRUE(fails_with(ambassadors_.sync_referrals(uow_, kMissingId, kNineAm), ErrorKind::kNotFound,
                         std::string("Ambassador with ID ") + kMissingId + " not found"));
}

TEST_F(AmbassadorServiceTest, SyncAllCountsEveryAmbassador) {
  auto a = ambassador("amb", "Acme");
  auto b = ambassador("bmb", "Globex");
  ambassador("cmb");
  member("A1", "a1@example.org", "ACME");
  member("A2", "a2@example.org", "acme");
  member("G1", "g1@example.org", "Globex");
  auto result = ambassadors_.sync_all_referrals(uow_, at_minutes(1));
  EXPECT_EQ(result.processed, 3);
  EXPECT_EQ(result.total_added, 3);
  EXPECT_EQ(stored(a).ambassador_points, 20);
  EXPECT_EQ(stored(b).ambassador_points, 10);
}

TEST_F(AmbassadorServiceTest, PromoteSyncsTheOrganizationAndDemoteClearsEverything) {
  auto colleague = member("Colleague", "colleague@example.org", "Acme");
  auto p = member("Pat", "pat@example.org", "acme");
  auto promoted = ambassadors_.promote(uow_, p.id, at_minutes(1));
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->status, ParticipantStatus::kAmbassador);
  EXPECT_EQ(promoted->referred_participant_ids, std::vector<std::string>{colleague.id});
  EXPECT_EQ(promoted->ambassador_points, 10);
  EXPECT_FALSE(events_of<AmbassadorScoreChanged>().empty());

  EXPECT_TRUE(fails_with(ambassadors_.promote(uow_, p.id, at_minutes(2)), ErrorKind::kBadRequest,
                         "Participant is already an ambassador"));

  auto demoted = ambassadors_.demote(uow_, p.id, at_minutes(3));
  ASSERT_TRUE(demoted.ok());
  EXPECT_EQ(demoted->status, ParticipantStatus::kRegular);
  EXPECT_EQ(demoted->ambassador_points, 0);
  EXPECT_TRUE(stored(p).referred_participant_ids.empty());
  auto events = events_of<AmbassadorScoreChanged>();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].previous_score, 10);
  EXPECT_EQ(events[0].new_score, 0);

  EXPECT_TRUE(fails_with(ambassadors_.demote(uow_, p.id, at_minutes(4)), ErrorKind::kBadRequest,
                         "Participant is not an ambassador"));
  EXPECT_TRUE(fails_with(ambassadors_.promote(uow_, kMissingId, kNineAm), ErrorKind::kNotFound,
                         std::string("Participant with ID ") + kMissingId + " not found"));
}

TEST_F(AmbassadorServiceTest, PromoteScoresTheReferralsKept) {
  auto p = make_participant("Pat", "pat@example.org");
  auto q = make_participant("Quinn", "quinn@example.org");
  p.referred_participant_ids = {q.id};
  uow_.participants().update(p);
  auto promoted = ambassadors_.promote(uow_, p.id, kNineAm);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->ambassador_points, 10);
}

TEST_F(AmbassadorServiceTest, CalculatePointsRepairsAStaleScore) {
  auto a = ambassador("amb");
  auto p1 = make_participant("One", "one@example.org");
  a.referred_participant_ids = {p1.id};
  a.ambassador_points = 99;
  uow_.participants().update(a);
  auto calculated = ambassadors_.calculate_points(uow_, a.id, kNineAm);
  ASSERT_TRUE(calculated.ok());
  EXPECT_EQ(calculated->ambassador_points, 10);
  EXPECT_EQ(stored(a).ambassador_points, 10);
  auto regular = make_participant("Reg", "reg@example.org");
  EXPECT_TRUE(fails_with(ambassadors_.calculate_points(uow_, regular.id, kNineAm), ErrorKind::kBadRequest,
                         "Participant is not an ambassador"));
  EXPECT_TRUE(fails_with(ambassadors_.calculate_points(uow_, kMissingId, kNineAm), ErrorKind::kNotFound,
                         std::string("Participant with ID ") + kMissingId + " not found"));
}

TEST_F(AmbassadorServiceTest, ReportListsReferralsInOrderAndCountsActiveOnes) {
  auto a = ambassador("amb");
  auto p1 = make_participant("One", "one@example.org");
  auto p2 = make_participant("Two", "two@example.org", false);
  ASSERT_TRUE(ambassadors_.add_referred(uow_, a.id, p2.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.add_referred(uow_, a.id, p1.id, kNineAm).ok());
  auto report = ambassadors_.report(uow_, a.id);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->referred.size(), 2u);
  EXPECT_EQ(report->referred[0].id, p2.id);
  EXPECT_EQ(report->referred[1].id, p1.id);
  EXPECT_EQ(report->active_referrals, 1);
  EXPECT_EQ(report->ambassador.ambassador_points, 20);
}

TEST_F(AmbassadorServiceTest, LeaderboardOrdersByPointsAndLimits) {
  auto a = ambassador("amb");
  auto b = ambassador("bmb");
  auto c = ambassador("cmb");
  auto p1 = make_participant("One", "one@example.org");
  auto p2 = make_participant("Two", "two@example.org");
  ASSERT_TRUE(ambassadors_.add_referred(uow_, b.id, p1.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.add_referred(uow_, b.id, p2.id, kNineAm).ok());
  ASSERT_TRUE(ambassadors_.add_referred(uow_, c.id, p1.id, kNineAm).ok());
  auto top = uow_.participants().leaderboard(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].id, b.id);
  EXPECT_EQ(top[1].id, c.id);
  EXPECT_EQ(uow_.participants().leaderboard(10).size(), 3u);
  (void)a;
}

}  // namespace
}  // namespace admit
