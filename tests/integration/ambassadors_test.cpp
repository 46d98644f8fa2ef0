// Ambassadors (contract §3.2: P6, P10, P11, P15, P20-P24, P29-P31; §4.8) over HTTP against the
// real binary.

#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kT0 = "2026-01-15T09:00:00.000Z";
constexpr const char* kUnknownId = "507f1f77bcf86cd799439011";
const std::string kBase = "/api/v1/participants";

class AmbassadorsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    pin_clock(kT0);
  }

  std::string person(const std::string& name, const Json& extra = Json::object()) {
    Json body = {{"name", name}};
    for (const auto& [k, v] : extra.items())
      body[k] = v;
    return create_participant(body);
  }

  std::string ambassador(const std::string& name, const Json& extra = Json::object()) {
    auto id = person(name, extra);
    EXPECT_EQ(http().post(kBase + "/" + id + "/ambassador/promote", Json::object()).status, 201);
    return id;
  }

  Reply add_referred(const std::string& ambassador_id, const std::string& participant_id) {
    return http().post(kBase + "/" + ambassador_id + "/ambassador/add-referred",
                       Json{{"participantId", participant_id}});
  }

  Json participant(const std::string& id) { return http().get(kBase + "/" + id).data(); }
};

// ---------------------------------------------------------------------------------------------
// P29/P30 promote and demote

TEST_F(AmbassadorsTest, PromoteThenDemoteThenDetailsSeeEachWrite) {
  auto id = person("Pat");
  const std::string promote = kBase + "/" + id + "/ambassador/promote";
  auto promoted = http().post(promote, Json::object());
  expect_success(promoted, 201, "Participant promoted to ambassador successfully", promote);
  EXPECT_EQ(promoted.data()["status"], "ambassador");
  EXPECT_EQ(promoted.data()["ambassadorPoints"], 0);

  // The reference's stale cache failed the next step of each of these sequences.
  const std::string details = kBase + "/" + id + "/ambassador/details";
  expect_success(http().get(details), 200, "Ambassador details retrieved successfully", details);

  const std::string demote = kBase + "/" + id + "/ambassador/demote";
  auto demoted = http().post(demote, Json::object());
  expect_success(demoted, 201, "Ambassador demoted to regular participant successfully", demote);
  EXPECT_EQ(demoted.data()["status"], "regular");
  EXPECT_EQ(demoted.data()["ambassadorPoints"], 0);
  EXPECT_EQ(demoted.data()["referredParticipantIds"], Json::array());

  expect_error(http().post(demote, Json::object()), 400, "Participant is not an ambassador", "POST", demote, true);
  expect_error(http().get(details), 400, "Participant is not an ambassador", "GET", details, true);
}

TEST_F(AmbassadorsTest, PromoteRefusals) {
  auto id = ambassador("Amb");
  const std::string promote = kBase + "/" + id + "/ambassador/promote";
  auto again = http().post(promote, Json::object());
  expect_error(again, 400, "Participant is already an ambassador", "POST", promote, true);
  EXPECT_EQ(field_errors(again), (FieldErrors{{"status", "Participant is already an ambassador"}}));

  const std::string missing = kBase + "/" + kUnknownId + "/ambassador/promote";
  expect_error(http().post(missing, Json::object()), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "POST", missing);
  const std::string missing_demote = kBase + "/" + kUnknownId + "/ambassador/demote";
  expect_error(http().post(missing_demote, Json::object()), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "POST", missing_demote);
  const std::string bad = kBase + "/nope/ambassador/promote";
  expect_error(http().post(bad, Json::object()), 400, "Invalid ID format: nope", "POST", bad);
}

TEST_F(AmbassadorsTest, PromoteWithAnOrganizationSyncsItsReferrals) {
  auto colleague = person("Colleague", {{"organization", "ACME"}});
  person("Other", {{"organization", "Globex"}});
  auto id = person("Pat", {{"organization", "Acme"}});
  auto promoted = http().post(kBase + "/" + id + "/ambassador/promote", Json::object());
  ASSERT_EQ(promoted.status, 201) << promoted.raw;
  EXPECT_EQ(promoted.data()["referredParticipantIds"], Json::array({colleague}));
  EXPECT_EQ(promoted.data()["ambassadorPoints"], 10);
}

// ---------------------------------------------------------------------------------------------
// P21/P22/P20 referrals and points

TEST_F(AmbassadorsTest, PointsAreTenPerReferral) {
  auto amb = ambassador("Amb");
  auto p1 = person("One");
  auto p2 = person("Two");
  const std::string path = kBase + "/" + amb + "/ambassador/add-referred";
  auto first = add_referred(amb, p1);
  expect_success(first, 201, "Referred participant added successfully", path);
  EXPECT_EQ(first.data()["_id"], amb);
  EXPECT_EQ(first.data()["ambassadorPoints"], 10);
  EXPECT_EQ(add_referred(amb, p1).data()["ambassadorPoints"], 10);  // no duplicates
  auto second = add_referred(amb, p2);
  EXPECT_EQ(second.data()["ambassadorPoints"], 20);
  EXPECT_EQ(second.data()["referredParticipantIds"], Json::array({p1, p2}));

  const std::string calc = kBase + "/" + amb + "/ambassador/calculate-points";
  auto calculated = http().post(calc, Json::object());
  expect_success(calculated, 201, "Ambassador points calculated successfully", calc);
  EXPECT_EQ(calculated.data()["ambassadorPoints"], 20);

  const std::string remove = kBase + "/" + amb + "/ambassador/remove-referred/" + p1;
  auto removed = http().del(remove);
  expect_success(removed, 200, "Referred participant removed successfully", remove);
  EXPECT_EQ(removed.data()["ambassadorPoints"], 10);
  EXPECT_EQ(removed.data()["referredParticipantIds"], Json::array({p2}));
}

TEST_F(AmbassadorsTest, AddReferredErrors) {
  auto amb = ambassador("Amb");
  auto regular = person("Regular");
  const std::string path = kBase + "/" + amb + "/ambassador/add-referred";

  auto self = add_referred(amb, amb);
  expect_error(self, 400, "An ambassador cannot refer themselves", "POST", path, true);
  EXPECT_EQ(field_errors(self), (FieldErrors{{"participantId", "An ambassador cannot refer themselves"}}));

  expect_error(add_referred(amb, kUnknownId), 404, std::string("Participant with ID ") + kUnknownId + " not found",
               "POST", path);
  const std::string missing = kBase + "/" + kUnknownId + "/ambassador/add-referred";
  expect_error(add_referred(kUnknownId, regular), 404, std::string("Ambassador with ID ") + kUnknownId + " not found",
               "POST", missing);
  const std::string not_amb = kBase + "/" + regular + "/ambassador/add-referred";
  expect_error(add_referred(regular, amb), 400, "Participant is not an ambassador", "POST", not_amb, true);

  expect_validation(http().post(path, Json::object()), "POST", path,
                    {{"participantId", "participantId must be a mongodb id"}});
  expect_validation(add_referred(amb, "xyz"), "POST", path, {{"participantId", "participantId must be a mongodb id"}});
  EXPECT_EQ(participant(amb)["referredParticipantIds"], Json::array());
}

TEST_F(AmbassadorsTest, RemoveReferredRefusesANonAmbassadorWithoutChangingIt) {
  auto amb = ambassador("Amb");
  auto p1 = person("One");
  ASSERT_EQ(add_referred(amb, p1).status, 201);
  // Applying for a travel grant ends the ambassadorship but keeps the referrals.
  ASSERT_EQ(http().patch(kBase + "/" + amb, Json{{"organization", "Acme"}}).status, 200);
  ASSERT_EQ(http().post(kBase + "/" + amb + "/travel-grant/apply", Json::object()).status, 201);

  const std::string remove = kBase + "/" + amb + "/ambassador/remove-referred/" + p1;
  expect_error(http().del(remove), 400, "Participant is not an ambassador", "DELETE", remove, true);
  EXPECT_EQ(participant(amb)["referredParticipantIds"], Json::array({p1}));

  const std::string missing = kBase + "/" + kUnknownId + "/ambassador/remove-referred/" + p1;
  expect_error(http().del(missing), 404, std::string("Ambassador with ID ") + kUnknownId + " not found", "DELETE",
               missing);
  const std::string bad = kBase + "/" + amb + "/ambassador/remove-referred/bad";
  expect_error(http().del(bad), 400, "Invalid ID format: bad", "DELETE", bad);
}

TEST_F(AmbassadorsTest, CalculatePointsErrors) {
  auto regular = person("Regular");
  const std::string calc = kBase + "/" + regular + "/ambassador/calculate-points";
  expect_error(http().post(calc, Json::object()), 400, "Participant is not an ambassador", "POST", calc, true);
  const std::string missing = kBase + "/" + kUnknownId + "/ambassador/calculate-points";
  expect_error(http().post(missing, Json::object()), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "POST", missing);
}

// ---------------------------------------------------------------------------------------------
// P23/P24 referral sync

TEST_F(AmbassadorsTest, SyncReferralsMatchesTheOrganizationExactly) {
  auto amb = ambassador("Amb", {{"organization", "A.B (x)"}});  // regex metacharacters, literally
  auto same = person("Same", {{"organization", "a.b (X)"}});
  person("Pattern", {{"organization", "AxB (x)"}});
  person("Longer", {{"organization", "A.B (x) Ltd"}});
  auto other_amb = ambassador("Other Amb", {{"organization", "A.B (x)"}});
  auto manual = person("Manual");
  ASSERT_EQ(add_referred(amb, manual).status, 201);

  const std::string path = kBase + "/" + amb + "/ambassador/sync-referrals";
  auto synced = http().post(path, Json::object());
  expect_success(synced, 201, "Synced referrals: added 1 new, total 2", path);
  EXPECT_EQ(keys_of(synced.data()), (std::vector<std::string>{"ambassador", "addedCount", "totalReferrals"}));
  EXPECT_EQ(synced.data()["addedCount"], 1);
  EXPECT_EQ(synced.data()["totalReferrals"], 2);
  EXPECT_EQ(synced.data()["ambassador"]["referredParticipantIds"], Json::array({manual, same}));
  EXPECT_EQ(synced.data()["ambassador"]["ambassadorPoints"], 20);
  (void)other_amb;
}

TEST_F(AmbassadorsTest, SyncReferralsErrors) {
  auto amb = ambassador("Amb");
  auto regular = person("Regular", {{"organization", "Acme"}});
  const std::string path = kBase + "/" + amb + "/ambassador/sync-referrals";
  auto no_org = http().post(path, Json::object());
  expect_error(no_org, 400, "Ambassador must have an organization to sync referrals", "POST", path, true);
  const std::string not_amb = kBase + "/" + regular + "/ambassador/sync-referrals";
  expect_error(http().post(not_amb, Json::object()), 400, "Participant is not an ambassador", "POST", not_amb, true);
  const std::string missing = kBase + "/" + kUnknownId + "/ambassador/sync-referrals";
  expect_error(http().post(missing, Json::object()), 404,
               std::string("Ambassador with ID ") + kUnknownId + " not found", "POST", missing);
}

TEST_F(AmbassadorsTest, SyncAllReferrals) {
  ambassador("A", {{"organization", "Acme"}});
  ambassador("B");
  person("Member 1", {{"organization", "acme"}});
  person("Member 2", {{"organization", "ACME"}});
  const std::string path = kBase + "/ambassadors/sync-all-referrals";
  auto reply = http().post(path, Json::object());
  expect_success(reply, 201, "Processed 2 ambassadors, added 2 total referrals", path);
  EXPECT_EQ(reply.data(), (Json{{"processed", 2}, {"totalAdded", 2}}));
  EXPECT_EQ(http().post(path, Json::object()).data(), (Json{{"processed", 2}, {"totalAdded", 0}}));
}

// ---------------------------------------------------------------------------------------------
// P15/P31 activity and details

TEST_F(AmbassadorsTest, ActivityAndDetails) {
  auto amb = ambassador("Amb");
  auto p1 = person("One");
  auto p2 = person("Two", {{"isActive", false}});
  ASSERT_EQ(add_referred(amb, p1).status, 201);
  ASSERT_EQ(add_referred(amb, p2).status, 201);

  const std::string activity = kBase + "/" + amb + "/ambassador/activity";
  auto a = http().get(activity);
  expect_success(a, 200, "Ambassador activity retrieved successfully", activity);
  EXPECT_EQ(keys_of(a.data()), (std::vector<std::string>{"participant", "referredParticipants", "totalPoints"}));
  EXPECT_EQ(a.data()["participant"]["_id"], amb);
  EXPECT_EQ(column(a.data()["referredParticipants"], "_id"), (std::vector<std::string>{p1, p2}));
  EXPECT_EQ(a.data()["totalPoints"], 20);

  const std::string details = kBase + "/" + amb + "/ambassador/details";
  auto d = http().get(details);
  expect_success(d, 200, "Ambassador details retrieved successfully", details);
  EXPECT_EQ(keys_of(d.data()), (std::vector<std::string>{"ambassador", "referredParticipants", "stats"}));
  EXPECT_EQ(d.data()["stats"], (Json{{"totalReferrals", 2}, {"activeReferrals", 1}, {"points", 20}}));
  EXPECT_EQ(d.data()["referredParticipants"].size(), 2u);

  auto regular = person("Regular");
  const std::string not_amb = kBase + "/" + regular + "/ambassador/activity";
  expect_error(http().get(not_amb), 400, "Participant is not an ambassador", "GET", not_amb, true);
  const std::string missing = kBase + "/" + kUnknownId + "/ambassador/activity";
  expect_error(http().get(missing), 404, std::string("Participant with ID ") + kUnknownId + " not found", "GET",
               missing);
  const std::string missing_details = kBase + "/" + kUnknownId + "/ambassador/details";
  expect_error(http().get(missing_details), 404, std::string("Participant with ID ") + kUnknownId + " not found", "GET",
               missing_details);
}

// ---------------------------------------------------------------------------------------------
// P6/P10/P11 lists

TEST_F(AmbassadorsTest, LeaderboardOrdersByPointsAndHonoursTheLimit) {
  auto low = ambassador("Low");
  auto high = ambassador("High");
  auto mid = ambassador("Mid");
  person("Regular");
  auto p1 = person("One");
  auto p2 = person("Two");
  ASSERT_EQ(add_referred(high, p1).status, 201);
  ASSERT_EQ(add_referred(high, p2).status, 201);
  ASSERT_EQ(add_referred(mid, p1).status, 201);

  const std::string path = kBase + "/ambassadors/leaderboard";
  auto all = http().get(path);
  expect_success(all, 200, "Ambassador leaderboard retrieved successfully", path);
  EXPECT_EQ(column(all.data(), "_id"), (std::vector<std::string>{high, mid, low}));
  auto two = http().get(path + "?limit=2");
  EXPECT_EQ(column(two.data(), "_id"), (std::vector<std::string>{high, mid}));
  expect_validation(http().get(path + "?limit=0"), "GET", path + "?limit=0",
                    {{"limit", "limit must not be less than 1"}});
}

TEST_F(AmbassadorsTest, ListIsEveryAmbassadorByName) {
  ambassador("Zed");
  ambassador("Amy");
  person("Regular");
  const std::string path = kBase + "/ambassadors";
  auto reply = http().get(path);
  expect_success(reply, 200, "Ambassadors retrieved successfully", path);
  EXPECT_EQ(column(reply.data(), "name"), (std::vector<std::string>{"Amy", "Zed"}));
}

TEST_F(AmbassadorsTest, SearchPagesWithTotalFirstMeta) {
  auto a = ambassador("Alice", {{"organization", "Acme"}});
  auto b = ambassador("Bob", {{"organization", "Globex"}});
  auto c = ambassador("Carol", {{"organization", "Acme"}});
  person("Acme regular", {{"organization", "Acme"}});
  auto p1 = person("One");
  ASSERT_EQ(add_referred(c, p1).status, 201);

  const std::string path = kBase + "/ambassadors/search?search=acme&limit=1";
  auto reply = http().get(path);
  expect_success(reply, 200, "Ambassadors retrieved successfully", path, true);
  EXPECT_EQ(keys_of(reply.body["meta"]),
            (std::vector<std::string>{"total", "page", "limit", "totalPages", "hasNextPage", "hasPrevPage"}));
  EXPECT_EQ(reply.body["meta"]["total"], 2);
  EXPECT_EQ(reply.body["meta"]["totalPages"], 2);
  EXPECT_EQ(reply.body["meta"]["hasNextPage"], true);
  EXPECT_EQ(column(reply.data(), "_id"), std::vector<std::string>{c});  // most points first

  auto by_name = http().get(kBase + "/ambassadors/search?sortBy=name&sortOrder=asc");
  EXPECT_EQ(column(by_name.data(), "_id"), (std::vector<std::string>{a, b, c}));

  const std::string nan = kBase + "/ambassadors/search?page=abc";
  expect_validation(http().get(nan), "GET", nan, {{"page", "page must be an integer number"}});
  const std::string big = kBase + "/ambassadors/search?limit=101";
  expect_validation(http().get(big), "GET", big, {{"limit", "limit must not be greater than 100"}});
}

}  // namespace
}  // namespace admit::test
