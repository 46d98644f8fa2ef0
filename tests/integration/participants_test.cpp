// Participants (contract §3.2: P1-P5, P13, P14, P17-P19) over HTTP against the real binary.

#include <regex>
#include <string>
#include <vector>

#include "support/api_assertions.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr const char* kT0 = "2026-01-15T09:00:00.000Z";
constexpr const char* kUnknownId = "507f1f77bcf86cd799439011";
const std::string kBase = "/api/v1/participants";
const std::string kQrMessage = "QR code must start with \"QR-\" followed by alphanumeric characters";

// The generated format: "QR-" + 8 hex, "-", 3 hex, upper case.
bool is_generated_qr(const Json& value) {
  static const std::regex kQr("^QR-[0-9A-F]{8}-[0-9A-F]{3}$");
  return value.is_string() && std::regex_match(value.get<std::string>(), kQr);
}

std::string base64_decode(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0;
  unsigned buffer = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) break;  // '=' padding ends the data
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

// A data URL holding a PNG image: the prefix, then base64 of bytes starting with the PNG signature.
void expect_png_data_url(const Json& value) {
  ASSERT_TRUE(value.is_string());
  const std::string url = value.get<std::string>();
  const std::string prefix = "data:image/png;base64,";
  ASSERT_EQ(url.substr(0, prefix.size()), prefix);
  std::string png = base64_decode(url.substr(prefix.size()));
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(png.size(), 100U);
}

// The fields of a participant created with only a name and an email, in the reference's order.
const std::vector<std::string> kMinimalKeys = {
    "_id",
    "name",
    "email",
    "qrCode",
    "isActive",
    "status",
    "ambassadorPoints",
    "referredParticipantIds",
    "travelGrantApplied",
    "travelGrantApproved",
    "createdAt",
    "updatedAt",
    "__v",
};

class ParticipantsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    pin_clock(kT0);
  }

  Reply post_participant(const Json& body) { return http().post(kBase, body); }

  Json add(const std::string& name, const std::string& email, const Json& extra = Json::object()) {
    Json body = {{"name", name}, {"email", email}};
    for (const auto& [k, v] : extra.items())
      body[k] = v;
    auto reply = post_participant(body);
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.body.value("data", Json::object());
  }

  std::vector<std::string> listed(const std::string& query) {
    auto reply = http().get(kBase + query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.raw;
    if (reply.status != 200) return {};
    return column(reply.data(), "name");
  }
};

// ---------------------------------------------------------------------------------------------
// P1 create

TEST_F(ParticipantsTest, CreateAnswers201WithDefaultsAndAGeneratedQrCode) {
  auto reply = post_participant({{"name", " Jane Doe "}, {"email", "Jane.Doe@Example.COM"}});
  expect_success(reply, 201, "Participant created successfully", kBase);
  const Json& d = reply.data();
  // Optional fields never set (organization, phone, notes, travel-grant dates) are absent.
  EXPECT_EQ(keys_of(d), kMinimalKeys);
  EXPECT_TRUE(is_object_id(d["_id"]));
  EXPECT_EQ(d["name"], "Jane Doe");
  EXPECT_EQ(d["email"], "jane.doe@example.com");  // lower-cased
  EXPECT_TRUE(is_generated_qr(d["qrCode"])) << d["qrCode"];
  EXPECT_EQ(d["isActive"], true);
  EXPECT_EQ(d["status"], "regular");
  EXPECT_EQ(d["ambassadorPoints"], 0);
  EXPECT_TRUE(d["ambassadorPoints"].is_number_integer());
  EXPECT_EQ(d["referredParticipantIds"], Json::array());
  EXPECT_EQ(d["travelGrantApplied"], false);
  EXPECT_TRUE(d["travelGrantApproved"].is_null());  // present as null: pending/undecided
  EXPECT_EQ(d["createdAt"], kT0);
  EXPECT_EQ(d["updatedAt"], kT0);
  EXPECT_EQ(d["__v"], 0);
  EXPECT_EQ(http().get(kBase + "/" + d["_id"].get<std::string>()).data(), d);
}

TEST_F(ParticipantsTest, CreateStoresEveryOptionalField) {
  auto d = add("Sam", "sam@example.org",
               {{"organization", " ACME "},
                {"phone", "+1 555 0100"},
                {"status", "ambassador"},
                {"isActive", false},
                {"notes", " VIP "},
                {"qrCode", "QR-SAM-0001"}});
  EXPECT_EQ(keys_of(d),
            (std::vector<std::string>{"_id", "name", "email", "organization", "phone", "qrCode", "isActive", "status",
                                      "ambassadorPoints", "referredParticipantIds", "travelGrantApplied",
                                      "travelGrantApproved", "notes", "createdAt", "updatedAt", "__v"}));
  EXPECT_EQ(d["organization"], "ACME");
  EXPECT_EQ(d["phone"], "+1 555 0100");
  EXPECT_EQ(d["qrCode"], "QR-SAM-0001");
  EXPECT_EQ(d["isActive"], false);
  EXPECT_EQ(d["status"], "ambassador");
  EXPECT_EQ(d["notes"], "VIP");
}

TEST_F(ParticipantsTest, CreateAcceptsClientQrCodesCaseInsensitivelyAndKeepsThemAsGiven) {
  EXPECT_EQ(add("Lower", "lower@example.org", {{"qrCode", "qr-abc-123"}})["qrCode"], "qr-abc-123");
  EXPECT_EQ(add("Seed", "seed@example.org", {{"qrCode", "QR-A1B2C3D4E5F6"}})["qrCode"], "QR-A1B2C3D4E5F6");
}

TEST_F(ParticipantsTest, CreateRefusesMalformedQrCodes) {
  for (const char* bad : {"XQR-123", "QR_123", "QR-", "QR-12 34", "QR-ÄBC"}) {
    auto reply = post_participant({{"name", "Bad QR"}, {"email", "bad@example.org"}, {"qrCode", bad}});
    expect_validation(reply, "POST", kBase, {{"qrCode", kQrMessage}});
  }
  auto too_long =
      post_participant({{"name", "Long QR"}, {"email", "long@example.org"}, {"qrCode", "QR-" + std::string(48, 'A')}});
  expect_validation(too_long, "POST", kBase, {{"qrCode", "qrCode must be shorter than or equal to 50 characters"}});
}

TEST_F(ParticipantsTest, CreateRefusesATakenEmailCaseInsensitively) {
  add("First", "jane@example.org");
  auto reply = post_participant({{"name", "Second"}, {"email", "JANE@Example.org"}});
  // The message echoes the email as sent.
  expect_error(reply, 409, "Participant with email \"JANE@Example.org\" already exists", "POST", kBase, true);
  EXPECT_EQ(field_errors(reply),
            (FieldErrors{{"email", "Participant with email \"JANE@Example.org\" already exists"}}));
  EXPECT_EQ(http().get(kBase).body["meta"]["total"], 1);
}

TEST_F(ParticipantsTest, CreateRefusesATakenQrCode) {
  add("First", "first@example.org", {{"qrCode", "QR-TAKEN-1"}});
  auto reply = post_participant({{"name", "Second"}, {"email", "second@example.org"}, {"qrCode", "QR-TAKEN-1"}});
  expect_error(reply, 409, "Participant with qrCode \"QR-TAKEN-1\" already exists", "POST", kBase, true);
  // QR codes are case-sensitive identifiers: another case is another code.
  EXPECT_EQ(add("Third", "third@example.org", {{"qrCode", "qr-taken-1"}})["qrCode"], "qr-taken-1");
}

TEST_F(ParticipantsTest, CreateRefusesInvalidOrMissingFields) {
  expect_validation(post_participant({{"name", "No mail"}, {"email", "not-an-email"}}), "POST", kBase,
                    {{"email", "email must be an email"}});
  // Validation runs before trimming, as in the reference: a padded address is not an email.
  expect_validation(post_participant({{"name", "Padded"}, {"email", " padded@example.org "}}), "POST", kBase,
                    {{"email", "email must be an email"}});
  expect_validation(post_participant(Json::object()), "POST", kBase,
                    {{"name", "name should not be empty"},
                     {"name", "name must be a string"},
                     {"email", "email should not be empty"},
                     {"email", "email must be an email"}});
  expect_validation(post_participant({{"name", "Odd"}, {"email", "odd@example.org"}, {"status", "vip"}}), "POST", kBase,
                    {{"status", "status must be one of the following values: regular, ambassador, travel_grant"}});
  expect_validation(
      post_participant({{"name", "Notes"}, {"email", "notes@example.org"}, {"notes", std::string(501, 'n')}}), "POST",
      kBase, {{"notes", "notes must be shorter than or equal to 500 characters"}});
}

TEST_F(ParticipantsTest, CreateRefusesServerManagedFields) {
  auto reply = post_participant({{"name", "Greedy"},
                                 {"email", "greedy@example.org"},
                                 {"ambassadorPoints", 100},
                                 {"referredParticipantIds", Json::array()},
                                 {"travelGrantApplied", true}});
  expect_validation(reply, "POST", kBase,
                    {{"ambassadorPoints", "property ambassadorPoints should not exist"},
                     {"referredParticipantIds", "property referredParticipantIds should not exist"},
                     {"travelGrantApplied", "property travelGrantApplied should not exist"}});
}

// ---------------------------------------------------------------------------------------------
// P2 list

TEST_F(ParticipantsTest, ListPaginatesNewestFirstWithMeta) {
  for (int i = 1; i <= 11; ++i) {
    pin_clock("2026-01-15T09:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".000Z");
    add("P" + std::to_string(i), "p" + std::to_string(i) + "@example.org");
  }
  auto first = http().get(kBase);
  expect_success(first, 200, "Participants retrieved successfully", kBase, true);
  EXPECT_EQ(first.body["meta"], page_meta(1, 10, 11, 2, true, false));
  EXPECT_EQ(first.data().size(), 10U);
  EXPECT_EQ(first.data()[0]["name"], "P11");

  auto second = http().get(kBase + "?page=2");
  EXPECT_EQ(second.body["meta"], page_meta(2, 10, 11, 2, false, true));
  EXPECT_EQ(column(second.data(), "name"), (std::vector<std::string>{"P1"}));

  EXPECT_EQ(listed("?sortBy=name&sortOrder=asc&limit=3"), (std::vector<std::string>{"P1", "P10", "P11"}));
  expect_validation(http().get(kBase + "?limit=101"), "GET", kBase + "?limit=101",
                    {{"limit", "limit must not be greater than 100"}});
  expect_validation(http().get(kBase + "?page=0"), "GET", kBase + "?page=0",
                    {{"page", "page must not be less than 1"}});
}

TEST_F(ParticipantsTest, ListSearchesNameEmailAndOrganizationCaseInsensitively) {
  add("Alice Martin", "alice@uni.edu", {{"organization", "University of Lyon"}});
  add("Bob Stone", "bob@acme.com", {{"organization", "ACME"}});
  add("Carol Lyons", "carol@example.org");
  const std::string asc = "&sortBy=name&sortOrder=asc";

  EXPECT_EQ(listed("?search=LYON" + asc), (std::vector<std::string>{"Alice Martin", "Carol Lyons"}));
  EXPECT_EQ(listed("?search=acme.com" + asc), (std::vector<std::string>{"Bob Stone"}));  // email
  EXPECT_EQ(listed("?search=university" + asc), (std::vector<std::string>{"Alice Martin"}));
  EXPECT_EQ(listed("?search=nobody" + asc), (std::vector<std::string>{}));
}

TEST_F(ParticipantsTest, ListSearchMatchesRegexAndLikeMetacharactersLiterally) {
  // The reference put search text unescaped into a regex (500 on "(", ".*" matching everything).
  add("Dr. (Who)", "who@example.org");
  add("Plain", "plain@example.org");
  add("Under_score", "under@example.org");
  add("Fifty% off", "fifty@example.org");

  for (const auto& [query, expected] :
       std::vector<std::pair<std::string, std::vector<std::string>>>{{"?search=(", {"Dr. (Who)"}},
                                                                     {"?search=.*", {}},
                                                                     {"?search=%5B", {}},
                                                                     {"?search=_", {"Under_score"}},
                                                                     {"?search=%25", {"Fifty% off"}},
                                                                     {"?search=%5C", {}},
                                                                     {"?search=r.%20(w", {"Dr. (Who)"}}}) {
    auto reply = http().get(kBase + query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.raw;
    EXPECT_EQ(column(reply.data(), "name"), expected) << query;
  }
}

TEST_F(ParticipantsTest, ListFiltersByStatusIsActiveAndOrganization) {
  add("Regular", "regular@example.org", {{"organization", "ACME Corp"}});
  add("Ambassador", "amb@example.org", {{"status", "ambassador"}, {"organization", "acme labs"}});
  add("Grant", "grant@example.org", {{"status", "travel_grant"}, {"isActive", false}});
  add("Inactive", "inactive@example.org", {{"isActive", "false"}});
  const std::string asc = "&sortBy=name&sortOrder=asc";

  EXPECT_EQ(listed("?status=ambassador" + asc), (std::vector<std::string>{"Ambassador"}));
  EXPECT_EQ(listed("?status=travel_grant" + asc), (std::vector<std::string>{"Grant"}));
  // The reference read "false" as true; admit returns the inactive participants.
  EXPECT_EQ(listed("?isActive=false" + asc), (std::vector<std::string>{"Grant", "Inactive"}));
  EXPECT_EQ(listed("?isActive=true" + asc), (std::vector<std::string>{"Ambassador", "Regular"}));
  EXPECT_EQ(listed("?organization=ACME" + asc), (std::vector<std::string>{"Ambassador", "Regular"}));
  EXPECT_EQ(listed("?organization=acme&status=regular" + asc), (std::vector<std::string>{"Regular"}));
  EXPECT_EQ(listed("?travelGrantApplied=false" + asc).size(), 4U);

  expect_validation(http().get(kBase + "?isActive=nope"), "GET", kBase + "?isActive=nope",
                    {{"isActive", "isActive must be a boolean value"}});
  expect_validation(http().get(kBase + "?status=vip"), "GET", kBase + "?status=vip",
                    {{"status", "status must be one of the following values: regular, ambassador, travel_grant"}});
  expect_validation(http().get(kBase + "?email=x"), "GET", kBase + "?email=x",
                    {{"email", "property email should not exist"}});
}

// ---------------------------------------------------------------------------------------------
// P3 generate-qr, P4 stats, P5 by QR

TEST_F(ParticipantsTest, GenerateQrAnswersAFreshCodeAndAPngDataUrl) {
  auto reply = http().get(kBase + "/generate-qr");
  expect_success(reply, 200, "QR code generated successfully", kBase + "/generate-qr");
  EXPECT_EQ(keys_of(reply.data()), (std::vector<std::string>{"qrCode", "qrCodeDataUrl"}));
  EXPECT_TRUE(is_generated_qr(reply.data()["qrCode"])) << reply.data()["qrCode"];
  expect_png_data_url(reply.data()["qrCodeDataUrl"]);

  auto again = http().get(kBase + "/generate-qr");
  EXPECT_NE(again.data()["qrCode"], reply.data()["qrCode"]);
  // Nothing is stored or reserved.
  EXPECT_EQ(http().get(kBase + "/stats").data()["total"], 0);
}

TEST_F(ParticipantsTest, StatsCountsTotalActiveAmbassadorsAndTravelGrants) {
  add("Regular", "regular@example.org");
  add("Ambassador", "amb@example.org", {{"status", "ambassador"}});
  add("Grant", "grant@example.org", {{"status", "travel_grant"}, {"isActive", false}});
  add("Grant 2", "grant2@example.org", {{"status", "travel_grant"}});
  auto reply = http().get(kBase + "/stats");
  expect_success(reply, 200, "Participant statistics retrieved successfully", kBase + "/stats");
  EXPECT_EQ(keys_of(reply.data()), (std::vector<std::string>{"total", "active", "ambassadors", "travelGrant"}));
  // Single creates count at once (the reference's cached stats ignored them for 30 s).
  EXPECT_EQ(reply.data(), (Json{{"total", 4}, {"active", 3}, {"ambassadors", 1}, {"travelGrant", 2}}));
  expect_integers(reply.data());
}

TEST_F(ParticipantsTest, ByQrFindsTheExactCaseSensitiveCode) {
  auto d = add("Scanned", "scanned@example.org", {{"qrCode", "QR-SCAN-ME"}});
  auto reply = http().get(kBase + "/qr/QR-SCAN-ME");
  expect_success(reply, 200, "Participant retrieved successfully", kBase + "/qr/QR-SCAN-ME");
  EXPECT_EQ(reply.data(), d);

  expect_error(http().get(kBase + "/qr/qr-scan-me"), 404, "Participant with ID qrCode: qr-scan-me not found", "GET",
               kBase + "/qr/qr-scan-me");
  expect_error(http().get(kBase + "/qr/QR-SCAN"), 404, "Participant with ID qrCode: QR-SCAN not found", "GET",
               kBase + "/qr/QR-SCAN");
  // A code looked up before it existed is found once created (the reference cached the miss).
  add("Later", "later@example.org", {{"qrCode", "QR-SCAN"}});
  EXPECT_EQ(http().get(kBase + "/qr/QR-SCAN").status, 200);
}

// ---------------------------------------------------------------------------------------------
// P13 get, P14 details

TEST_F(ParticipantsTest, GetAnswersTheDocumentOr404Or400) {
  auto d = add("Known", "known@example.org");
  auto id = d["_id"].get<std::string>();
  auto reply = http().get(kBase + "/" + id);
  expect_success(reply, 200, "Participant retrieved successfully", kBase + "/" + id);
  EXPECT_EQ(reply.data(), d);
  expect_error(http().get(kBase + "/" + kUnknownId), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "GET", kBase + "/" + kUnknownId);
  expect_error(http().get(kBase + "/not-an-id"), 400, "Invalid ID format: not-an-id", "GET", kBase + "/not-an-id");
}

TEST_F(ParticipantsTest, DetailsAreAllFieldsPlusAQrImage) {
  auto d = add("Detailed", "detailed@example.org", {{"organization", "ACME"}});
  auto id = d["_id"].get<std::string>();
  auto reply = http().get(kBase + "/" + id + "/details");
  expect_success(reply, 200, "Participant details retrieved successfully", kBase + "/" + id + "/details");
  Json data = reply.data();
  auto keys = keys_of(data);
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys.back(), "qrDataUrl");
  expect_png_data_url(data["qrDataUrl"]);
  data.erase("qrDataUrl");
  EXPECT_EQ(data, d);

  expect_error(http().get(kBase + "/" + kUnknownId + "/details"), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "GET",
               kBase + "/" + kUnknownId + "/details");
  expect_error(http().get(kBase + "/123/details"), 400, "Invalid ID format: 123", "GET", kBase + "/123/details");
}

// ---------------------------------------------------------------------------------------------
// P17 patch

TEST_F(ParticipantsTest, PatchUpdatesTheGivenFields) {
  auto id = add("Before", "before@example.org")["_id"].get<std::string>();
  pin_clock("2026-01-15T09:05:00.000Z");
  auto reply = http().patch(kBase + "/" + id, Json{{"name", "After"},
                                                   {"email", "After@Example.org"},
                                                   {"organization", "New Org"},
                                                   {"status", "ambassador"},
                                                   {"isActive", false},
                                                   {"qrCode", "QR-NEW-CODE"}});
  expect_success(reply, 200, "Participant updated successfully", kBase + "/" + id);
  const Json& d = reply.data();
  EXPECT_EQ(d["name"], "After");
  EXPECT_EQ(d["email"], "after@example.org");
  EXPECT_EQ(d["organization"], "New Org");
  EXPECT_EQ(d["status"], "ambassador");
  EXPECT_EQ(d["isActive"], false);
  EXPECT_EQ(d["qrCode"], "QR-NEW-CODE");
  EXPECT_EQ(d["createdAt"], kT0);
  EXPECT_EQ(d["updatedAt"], "2026-01-15T09:05:00.000Z");
  EXPECT_EQ(http().get(kBase + "/" + id).data(), d);
  EXPECT_EQ(http().get(kBase + "/qr/QR-NEW-CODE").data()["_id"], id);

  // Sending one's own email (in another case) is not a conflict.
  auto same = http().patch(kBase + "/" + id, Json{{"email", "AFTER@example.org"}});
  EXPECT_EQ(same.status, 200) << same.raw;
}

TEST_F(ParticipantsTest, PatchRefusesAnotherParticipantsEmailOrQrCodeWith409) {
  add("Owner", "owner@example.org", {{"qrCode", "QR-OWNER"}});
  auto d = add("Other", "other@example.org");
  auto id = d["_id"].get<std::string>();
  const std::string path = kBase + "/" + id;

  auto email = http().patch(path, Json{{"email", "OWNER@example.org"}});
  expect_error(email, 409, "Participant with email \"OWNER@example.org\" already exists", "PATCH", path, true);
  // The reference answered 500 (a raw E11000 message) for a duplicate QR code.
  auto qr = http().patch(path, Json{{"qrCode", "QR-OWNER"}});
  expect_error(qr, 409, "Participant with qrCode \"QR-OWNER\" already exists", "PATCH", path, true);
  EXPECT_EQ(http().get(path).data(), d);  // unchanged
}

TEST_F(ParticipantsTest, PatchRefusesUnknownIdsAndBadBodies) {
  auto id = add("Target", "target@example.org")["_id"].get<std::string>();
  expect_error(http().patch(kBase + "/" + kUnknownId, Json{{"name", "x"}}), 404,
               std::string("Participant with ID ") + kUnknownId + " not found", "PATCH", kBase + "/" + kUnknownId);
  expect_error(http().patch(kBase + "/zzz", Json{{"name", "x"}}), 400, "Invalid ID format: zzz", "PATCH",
               kBase + "/zzz");
  expect_validation(
      http().patch(kBase + "/" + id, Json{{"email", "nope"}, {"ambassadorPoints", 5}}), "PATCH", kBase + "/" + id,
      {{"email", "email must be an email"}, {"ambassadorPoints", "property ambassadorPoints should not exist"}});
  expect_validation(http().patch(kBase + "/" + id, Json{{"qrCode", "NOPE"}}), "PATCH", kBase + "/" + id,
                    {{"qrCode", kQrMessage}});
}

// ---------------------------------------------------------------------------------------------
// P18 delete

TEST_F(ParticipantsTest, DeleteAnswersTheDeletedParticipantThen404) {
  auto d = add("Leaving", "leaving@example.org");
  auto id = d["_id"].get<std::string>();
  auto reply = http().del(kBase + "/" + id);
  expect_success(reply, 200, "Participant deleted successfully", kBase + "/" + id);
  EXPECT_EQ(reply.data(), d);
  expect_error(http().get(kBase + "/" + id), 404, "Participant with ID " + id + " not found", "GET", kBase + "/" + id);
  expect_error(http().del(kBase + "/" + id), 404, "Participant with ID " + id + " not found", "DELETE",
               kBase + "/" + id);
  expect_error(http().get(kBase + "/qr/" + d["qrCode"].get<std::string>()), 404,
               "Participant with ID qrCode: " + d["qrCode"].get<std::string>() + " not found", "GET",
               kBase + "/qr/" + d["qrCode"].get<std::string>());
  // The email is free again.
  add("Returning", "leaving@example.org");
}

// ---------------------------------------------------------------------------------------------
// P19 bulk

TEST_F(ParticipantsTest, BulkCreatesItemsAndReportsDuplicates) {
  add("Existing", "existing@example.org");
  Json body = {{"participants",
                {{{"name", "Bulk One"}, {"email", "One@Example.org"}, {"organization", "ACME"}},
                 {{"name", "Dup Existing"}, {"email", "EXISTING@example.org"}},
                 {{"name", "Bulk Two"}, {"email", "two@example.org"}, {"phone", "123"}},
                 {{"name", "Dup In Batch"}, {"email", "one@example.org"}}}}};
  auto reply = http().post(kBase + "/bulk", body);
  // The reference refused every non-empty item list (400); admit implements the intended behaviour.
  expect_success(reply, 201, "Created 2 participants, 2 failed", kBase + "/bulk");
  const Json& d = reply.data();
  EXPECT_EQ(keys_of(d), (std::vector<std::string>{"created", "failed", "errors"}));
  EXPECT_EQ(d["created"], 2);
  EXPECT_EQ(d["failed"], 2);
  ASSERT_EQ(d["errors"].size(), 2U);
  EXPECT_EQ(keys_of(d["errors"][0]), (std::vector<std::string>{"email", "error"}));
  EXPECT_EQ(d["errors"][0], (Json{{"email", "EXISTING@example.org"},
                                  {"error", "Participant with email \"EXISTING@example.org\" already exists"}}));
  EXPECT_EQ(d["errors"][1], (Json{{"email", "one@example.org"},
                                  {"error", "Participant with email \"one@example.org\" already exists"}}));

  auto listed_names = listed("?sortBy=name&sortOrder=asc");
  EXPECT_EQ(listed_names, (std::vector<std::string>{"Bulk One", "Bulk Two", "Existing"}));
  auto one = http().get(kBase + "?search=Bulk%20One").data().at(0);
  EXPECT_EQ(one["email"], "one@example.org");
  EXPECT_EQ(one["organization"], "ACME");
  EXPECT_TRUE(is_generated_qr(one["qrCode"]));
  EXPECT_EQ(http().get(kBase + "/stats").data()["total"], 3);
}

TEST_F(ParticipantsTest, BulkOfNothingCreatesNothing) {
  auto reply = http().post(kBase + "/bulk", Json{{"participants", Json::array()}});
  expect_success(reply, 201, "Created 0 participants, 0 failed", kBase + "/bulk");
  EXPECT_EQ(reply.data(), (Json{{"created", 0}, {"failed", 0}, {"errors", Json::array()}}));
}

TEST_F(ParticipantsTest, BulkRefusesInvalidItemsWhole) {
  const std::string path = kBase + "/bulk";
  Json body = {{"participants",
                {{{"name", "Fine"}, {"email", "fine@example.org"}},
                 {{"name", "Broken"}, {"email", "broken"}},
                 {{"name", "Extra"}, {"email", "extra@example.org"}, {"status", "ambassador"}}}}};
  expect_validation(http().post(path, body), "POST", path,
                    {{"participants.1.email", "participants.1.email must be an email"},
                     {"participants.2.status", "participants.2.property status should not exist"}});
  expect_validation(http().post(path, Json::object()), "POST", path,
                    {{"participants", "participants must be an array"}});
  expect_validation(http().post(path, Json{{"participants", "nope"}}), "POST", path,
                    {{"participants", "participants must be an array"}});
  EXPECT_EQ(http().get(kBase + "/stats").data()["total"], 0);
}

}  // namespace
}  // namespace admit::test
