// Travel grants (contract §3.2: P7-P9, P12, P16, P25-P28, P32; §4.9) over HTTP against the real
// binary.

#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kT0 = "2026-01-15T09:00:00.000Z";
constexpr const char* kUnknownId = "507f1f77bcf86cd799439011";
const std::string kBase = "/api/v1/participants";

class TravelGrantsTest : public ApiTest {
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

  std::string path(const std::string& id, const std::string& action) {
    return kBase + "/" + id + "/travel-grant/" + action;
  }

  Reply apply(const std::string& id) { return http().post(path(id, "apply"), Json::object()); }

  // An applicant from `organization`, applied at `at`.
  std::string applicant(const std::string& name, const std::string& organization, const std::string& at = kT0) {
    auto id = person(name, {{"organization", organization}});
    pin_clock(at);
    EXPECT_EQ(apply(id).status, 201);
    return id;
  }
};

// ---------------------------------------------------------------------------------------------
// P16 qualification, P25 apply

TEST_F(TravelGrantsTest, QualificationReasons) {
  auto none = person("No org");
  const std::string q = path(none, "qualification");
  auto reply = http().get(q);
  expect_success(reply, 200, "Travel grant qualification status retrieved successfully", q);
  EXPECT_EQ(reply.data(), (Json{{"qualified", false}, {"reason", "Organization information required"}}));

  auto ok = person("Org", {{"organization", "Acme"}});
  EXPECT_EQ(http().get(path(ok, "qualification")).data(), (Json{{"qualified", true}}));
  ASSERT_EQ(apply(ok).status, 201);
  EXPECT_EQ(http().get(path(ok, "qualification")).data(),
            (Json{{"qualified", false}, {"reason", "Already applied for travel grant"}}));

  const std::string missing = path(kUnknownId, "qualification");
  expect_error(http().get(missing), 404, std::string("Participant with ID ") + kUnknownId + " not found", "GET",
               missing);
  const std::string bad = path("123", "qualification");
  expect_error(http().get(bad), 400, "Invalid ID format: 123", "GET", bad);
}

TEST_F(TravelGrantsTest, ApplySetsTheApplicationAndRefusesTwice) {
  auto id = person("Pat", {{"organization", "Acme"}});
  auto reply = apply(id);
  expect_success(reply, 201, "Travel grant application submitted successfully", path(id, "apply"));
  const Json& d = reply.data();
  EXPECT_EQ(d["status"], "travel_grant");
  EXPECT_EQ(d["travelGrantApplied"], true);
  EXPECT_TRUE(d["travelGrantApproved"].is_null());
  EXPECT_EQ(d["travelGrantAppliedAt"], kT0);
  EXPECT_FALSE(d.contains("travelGrantDecidedAt"));

  auto twice = apply(id);
  expect_error(twice, 400, "Already applied for travel grant", "POST", path(id, "apply"), true);
  auto none = person("No org");
  expect_error(apply(none), 400, "Organization information required", "POST", path(none, "apply"), true);
  expect_error(apply(kUnknownId), 404, std::string("Participant with ID ") + kUnknownId + " not found", "POST",
               path(kUnknownId, "apply"));
}

TEST_F(TravelGrantsTest, AnAmbassadorWhoAppliesLosesTheStatusButKeepsReferrals) {
  auto amb = person("Amb", {{"organization", "Acme"}});
  auto friend_id = person("Friend");
  ASSERT_EQ(http().post(kBase + "/" + amb + "/ambassador/promote", Json::object()).status, 201);
  ASSERT_EQ(http().post(kBase + "/" + amb + "/ambassador/add-referred", Json{{"participantId", friend_id}}).status,
            201);
  auto reply = apply(amb);
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.data()["status"], "travel_grant");
  EXPECT_EQ(reply.data()["referredParticipantIds"], Json::array({friend_id}));
  EXPECT_EQ(reply.data()["ambassadorPoints"], 10);
}

// ---------------------------------------------------------------------------------------------
// P26-P28 decisions

TEST_F(TravelGrantsTest, ApplyThenApproveThenRejectThenDecide) {
  auto id = applicant("Pat", "Acme");
  pin_clock("2026-01-15T10:00:00.000Z");
  auto approved = http().post(path(id, "approve"), Json::object());
  expect_success(approved, 201, "Travel grant approved successfully", path(id, "approve"));
  EXPECT_EQ(approved.data()["travelGrantApproved"], true);
  EXPECT_EQ(approved.data()["travelGrantDecidedAt"], "2026-01-15T10:00:00.000Z");

  auto rejected = http().post(path(id, "reject"), Json::object());
  expect_success(rejected, 201, "Travel grant rejected successfully", path(id, "reject"));
  EXPECT_EQ(rejected.data()["travelGrantApproved"], false);

  auto decided = http().patch(path(id, "decide"), Json{{"approved", true}});
  expect_success(decided, 200, "Travel grant approved successfully", path(id, "decide"));
  EXPECT_EQ(decided.data()["travelGrantApproved"], true);
  auto decided_no = http().patch(path(id, "decide"), Json{{"approved", false}});
  expect_success(decided_no, 200, "Travel grant rejected successfully", path(id, "decide"));
}

TEST_F(TravelGrantsTest, DecisionsNeedAnApplication) {
  auto id = person("Pat", {{"organization", "Acme"}, {"status", "travel_grant"}});
  for (const auto* action : {"approve", "reject"}) {
    expect_error(http().post(path(id, action), Json::object()), 400, "No travel grant application found", "POST",
                 path(id, action), true);
  }
  expect_error(http().patch(path(id, "decide"), Json{{"approved", true}}), 400, "No travel grant application found",
               "PATCH", path(id, "decide"), true);
  expect_error(http().post(path(kUnknownId, "approve"), Json::object()), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "POST", path(kUnknownId, "approve"));
  expect_error(http().post(path("zz", "reject"), Json::object()), 400, "Invalid ID format: zz", "POST",
               path("zz", "reject"));
  expect_validation(http().patch(path(id, "decide"), Json::object()), "PATCH", path(id, "decide"),
                    {{"approved", "approved must be a boolean value"}});
  expect_validation(http().patch(path(id, "decide"), Json{{"approved", "maybe"}}), "PATCH", path(id, "decide"),
                    {{"approved", "approved must be a boolean value"}});
}

// ---------------------------------------------------------------------------------------------
// P7-P9, P12 lists and stats

TEST_F(TravelGrantsTest, ApplicationsStatsAndApplicants) {
  auto a = applicant("Ann", "Acme", "2026-01-15T09:01:00.000Z");
  auto b = applicant("Ben", "Globex", "2026-01-15T09:02:00.000Z");
  auto c = applicant("Cid", "ACME Labs", "2026-01-15T09:03:00.000Z");
  person("Regular", {{"organization", "Acme"}});
  ASSERT_EQ(http().post(path(a, "approve"), Json::object()).status, 201);
  ASSERT_EQ(http().post(path(b, "reject"), Json::object()).status, 201);

  const std::string apps = kBase + "/travel-grants/applications";
  auto all = http().get(apps);
  expect_success(all, 200, "Travel grant applications retrieved successfully", apps);
  EXPECT_EQ(column(all.data(), "_id"), (std::vector<std::string>{c, b, a}));  // latest application first
  EXPECT_EQ(column(http().get(apps + "?status=true").data(), "_id"), std::vector<std::string>{a});
  EXPECT_EQ(column(http().get(apps + "?status=false").data(), "_id"), std::vector<std::string>{b});
  EXPECT_EQ(column(http().get(apps + "?organization=acme").data(), "_id"), (std::vector<std::string>{c, a}));
  expect_validation(http().get(apps + "?status=maybe"), "GET", apps + "?status=maybe",
                    {{"status", "status must be a boolean value"}});

  const std::string stats = kBase + "/travel-grants/stats";
  auto s = http().get(stats);
  expect_success(s, 200, "Travel grant statistics retrieved successfully", stats);
  EXPECT_EQ(s.data(), (Json{{"total", 3}, {"pending", 1}, {"approved", 1}, {"rejected", 1}}));
  expect_integers(s.data());

  const std::string applicants = kBase + "/travel-grants";
  auto list = http().get(applicants);
  expect_success(list, 200, "Travel grant applicants retrieved successfully", applicants);
  EXPECT_EQ(list.data().size(), 3u);
}

TEST_F(TravelGrantsTest, SearchFiltersByDecisionWithTotalFirstMeta) {
  auto a = applicant("Ann", "Acme", "2026-01-15T09:01:00.000Z");
  auto b = applicant("Ben", "Globex", "2026-01-15T09:02:00.000Z");
  auto c = applicant("Cid", "Acme", "2026-01-15T09:03:00.000Z");
  ASSERT_EQ(http().post(path(a, "approve"), Json::object()).status, 201);
  ASSERT_EQ(http().post(path(b, "reject"), Json::object()).status, 201);

  const std::string base = kBase + "/travel-grants/search";
  auto all = http().get(base);
  expect_success(all, 200, "Travel grant applicants retrieved successfully", base, true);
  EXPECT_EQ(keys_of(all.body["meta"]),
            (std::vector<std::string>{"total", "page", "limit", "totalPages", "hasNextPage", "hasPrevPage"}));
  EXPECT_EQ(all.body["meta"]["total"], 3);
  EXPECT_EQ(column(all.data(), "_id"), (std::vector<std::string>{c, b, a}));

  EXPECT_EQ(column(http().get(base + "?status=pending").data(), "_id"), std::vector<std::string>{c});
  EXPECT_EQ(column(http().get(base + "?status=approved").data(), "_id"), std::vector<std::string>{a});
  EXPECT_EQ(column(http().get(base + "?status=rejected").data(), "_id"), std::vector<std::string>{b});
  EXPECT_EQ(http().get(base + "?status=whatever").data().size(), 3u);  // ignored, as in the reference
  EXPECT_EQ(column(http().get(base + "?search=globex").data(), "_id"), std::vector<std::string>{b});

  auto paged = http().get(base + "?page=2&limit=2&sortBy=name&sortOrder=asc");
  EXPECT_EQ(column(paged.data(), "_id"), std::vector<std::string>{c});
  EXPECT_EQ(paged.body["meta"]["hasPrevPage"], true);
  const std::string nan = base + "?limit=NaN";
  expect_validation(http().get(nan), "GET", nan, {{"limit", "limit must be an integer number"}});
}

// ---------------------------------------------------------------------------------------------
// P32 details

TEST_F(TravelGrantsTest, DetailsShowAttendance) {
  auto id = applicant("Pat", "Acme");
  auto s1 = create_session({{"name", "Keynote"},
                            {"location", "Hall"},
                            {"isOpen", true},
                            {"startTime", "2026-01-15T09:00:00.000Z"},
                            {"endTime", "2026-01-15T18:00:00.000Z"}});
  auto s2 = create_session({{"name", "Workshop"},
                            {"isOpen", true},
                            {"startTime", "2026-01-15T09:00:00.000Z"},
                            {"endTime", "2026-01-15T18:00:00.000Z"}});
  create_registration(id, s1, "confirmed");
  create_registration(id, s2, "confirmed");
  pin_clock("2026-01-15T09:05:00.000Z");
  ASSERT_EQ(http().post("/api/v1/checkin", Json{{"participantId", id}, {"sessionId", s1}}).status, 201);

  const std::string details = path(id, "details");
  auto reply = http().get(details);
  expect_success(reply, 200, "Travel grant details retrieved successfully", details);
  const Json& d = reply.data();
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"participant", "checkInProgress", "lastCheckIns", "stats"}));
  EXPECT_EQ(d["checkInProgress"], (Json{{"completed", 1}, {"total", 2}, {"percentage", 50}}));
  ASSERT_EQ(d["lastCheckIns"].size(), 1u);
  const Json& last = d["lastCheckIns"][0];
  EXPECT_EQ(keys_of(last), (std::vector<std::string>{"_id", "sessionId", "sessionName", "sessionLocation",
                                                     "checkInTime", "method", "isLate"}));
  EXPECT_EQ(last["sessionId"]["_id"], s1);
  EXPECT_EQ(last["sessionName"], "Keynote");
  EXPECT_EQ(last["sessionLocation"], "Hall");
  EXPECT_EQ(
      d["stats"],
      (Json{
          {"totalCheckIns", 1}, {"totalRegisteredSessions", 2}, {"applicationStatus", "pending"}, {"appliedAt", kT0}}));

  auto regular = person("Regular");
  auto plain = http().get(path(regular, "details"));
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.data()["checkInProgress"]["percentage"], 0);
  expect_error(http().get(path(kUnknownId, "details")), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "GET", path(kUnknownId, "details"));
}

}  // namespace
}  // namespace admit::test
