// Walks the reference contract's route list (backend-contract.md §3: 74 routes) in one sequence
// against the real binary and checks that every route exists and answers as documented: the
// documented status, and either the success envelope or a file download.
#include <set>
#include <string>
#include <utility>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

class ContractRoutesTest : public ApiTest {
 protected:
  enum class Kind { kJson, kFile };

  // `route` is the contract's template ("GET /api/v1/sessions/:id"); `target` the concrete URL.
  Reply call(const std::string& route, const std::string& target, int status, const std::optional<Json>& body = {},
             Kind kind = Kind::kJson) {
    std::string method = route.substr(0, route.find(' '));
    auto reply = http().request(method, target, body);
    check(route, target, reply, status, kind);
    return reply;
  }

  void check(const std::string& route, const std::string& target, const Reply& reply, int status, Kind kind) {
    covered_.insert(route);
    EXPECT_EQ(reply.status, status) << route << " -> " << reply.raw.substr(0, 300);
    if (kind == Kind::kFile) {
      EXPECT_NE(reply.header("content-disposition").find("attachment"), std::string::npos) << route;
      EXPECT_FALSE(reply.raw.empty()) << route;
      return;
    }
    ASSERT_TRUE(reply.body.is_object()) << route << " -> " << reply.raw.substr(0, 300);
    EXPECT_EQ(reply.body.value("status", ""), "success") << route;
    EXPECT_TRUE(reply.body.contains("message") && reply.body["message"].is_string()) << route;
    EXPECT_TRUE(reply.body.contains("data")) << route;
    EXPECT_EQ(reply.body.value("path", ""), target) << route;
    EXPECT_TRUE(reply.body.contains("timestamp")) << route;
  }

  static std::string multipart_csv(const std::string& csv) {
    return "--B0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
           "Content-Type: text/csv\r\n\r\n" +
           csv + "\r\n--B0und--\r\n";
  }

  Reply upload(const std::string& route, const std::string& target, const std::string& csv) {
    auto reply = http().request_raw("POST", target, multipart_csv(csv), "multipart/form-data; boundary=B0und");
    check(route, target, reply, 200, Kind::kJson);
    return reply;
  }

  std::set<std::string> covered_;
};

std::string id_of(const Reply& reply) { return reply.body.at("data").at("_id").get<std::string>(); }

TEST_F(ContractRoutesTest, EveryRouteOfTheContractAnswersAsDocumented) {
  const std::string v1 = "/api/v1";
  Json acme = {{"organization", "ACME"}};
  std::string s = create_session();
  std::string s2 = create_session();
  auto a_reply =
      http().post(v1 + "/participants", Json{{"name", "Ada"}, {"email", "ada@example.org"}, {"organization", "ACME"}});
  ASSERT_EQ(a_reply.status, 201);
  std::string a = id_of(a_reply);
  std::string a_qr = a_reply.data()["qrCode"];
  std::string b = create_participant(acme);
  auto b_qr = http().get(v1 + "/participants/" + b).data()["qrCode"].get<std::string>();
  std::string c = create_participant(acme);
  std::string d = create_participant();
  std::string e = create_participant();

  // Sessions (§3.1)
  call("POST /api/v1/sessions", v1 + "/sessions", 201,
       Json{{"name", "Extra"}, {"startTime", iso_from_now(60)}, {"endTime", iso_from_now(120)}});
  call("GET /api/v1/sessions", v1 + "/sessions", 200);
  call("GET /api/v1/sessions/stats", v1 + "/sessions/stats", 200);
  call("GET /api/v1/sessions/upcoming", v1 + "/sessions/upcoming", 200);
  call("GET /api/v1/sessions/:id", v1 + "/sessions/" + s, 200);
  call("PATCH /api/v1/sessions/:id", v1 + "/sessions/" + s, 200, Json{{"description", "Walked"}});
  call("PATCH /api/v1/sessions/:id/toggle-open", v1 + "/sessions/" + s + "/toggle-open?isOpen=true", 200);
  call("POST /api/v1/sessions/bulk", v1 + "/sessions/bulk", 201,
       Json{{"sessions",
             Json::array({Json{{"name", "Bulk"}, {"startTime", iso_from_now(60)}, {"endTime", iso_from_now(90)}}})}});

  // Participants (§3.2)
  call("POST /api/v1/participants", v1 + "/participants", 201, Json{{"name", "New"}, {"email", "new@example.org"}});
  call("GET /api/v1/participants", v1 + "/participants", 200);
  call("GET /api/v1/participants/generate-qr", v1 + "/participants/generate-qr", 200);
  call("GET /api/v1/participants/stats", v1 + "/participants/stats", 200);
  call("GET /api/v1/participants/qr/:qrCode", v1 + "/participants/qr/" + a_qr, 200);
  call("POST /api/v1/participants/bulk", v1 + "/participants/bulk", 201,
       Json{{"participants", Json::array({Json{{"name", "Bulk One"}, {"email", "bulk1@example.org"}}})}});
  call("GET /api/v1/participants/:id", v1 + "/participants/" + a, 200);
  call("GET /api/v1/participants/:id/details", v1 + "/participants/" + a + "/details", 200);
  call("PATCH /api/v1/participants/:id", v1 + "/participants/" + a, 200, Json{{"phone", "+100"}});
  call("POST /api/v1/participants/:id/ambassador/promote", v1 + "/participants/" + a + "/ambassador/promote", 201);
  call("GET /api/v1/participants/ambassadors/leaderboard", v1 + "/participants/ambassadors/leaderboard", 200);
  call("GET /api/v1/participants/ambassadors", v1 + "/participants/ambassadors", 200);
  call("GET /api/v1/participants/ambassadors/search", v1 + "/participants/ambassadors/search", 200);
  call("POST /api/v1/participants/:id/ambassador/add-referred", v1 + "/participants/" + a + "/ambassador/add-referred",
       201, Json{{"participantId", d}});
  call("POST /api/v1/participants/:id/ambassador/calculate-points",
       v1 + "/participants/" + a + "/ambassador/calculate-points", 201);
  call("GET /api/v1/participants/:id/ambassador/activity", v1 + "/participants/" + a + "/ambassador/activity", 200);
  call("GET /api/v1/participants/:id/ambassador/details", v1 + "/participants/" + a + "/ambassador/details", 200);
  call("POST /api/v1/participants/:id/ambassador/sync-referrals",
       v1 + "/participants/" + a + "/ambassador/sync-referrals", 201);
  call("POST /api/v1/participants/ambassadors/sync-all-referrals", v1 + "/participants/ambassadors/sync-all-referrals",
       201);
  call("DELETE /api/v1/participants/:id/ambassador/remove-referred/:participantId",
       v1 + "/participants/" + a + "/ambassador/remove-referred/" + d, 200);
  call("POST /api/v1/participants/:id/ambassador/demote", v1 + "/participants/" + a + "/ambassador/demote", 201);
  call("GET /api/v1/participants/:id/travel-grant/qualification",
       v1 + "/participants/" + c + "/travel-grant/qualification", 200);
  call("POST /api/v1/participants/:id/travel-grant/apply", v1 + "/participants/" + c + "/travel-grant/apply", 201);
  call("GET /api/v1/participants/travel-grants/applications", v1 + "/participants/travel-grants/applications", 200);
  call("GET /api/v1/participants/travel-grants/stats", v1 + "/participants/travel-grants/stats", 200);
  call("GET /api/v1/participants/travel-grants", v1 + "/participants/travel-grants", 200);
  call("GET /api/v1/participants/travel-grants/search", v1 + "/participants/travel-grants/search", 200);
  call("PATCH /api/v1/participants/:id/travel-grant/decide", v1 + "/participants/" + c + "/travel-grant/decide", 200,
       Json{{"approved", true}});
  call("POST /api/v1/participants/:id/travel-grant/approve", v1 + "/participants/" + c + "/travel-grant/approve", 201);
  call("POST /api/v1/participants/:id/travel-grant/reject", v1 + "/participants/" + c + "/travel-grant/reject", 201);
  call("GET /api/v1/participants/:id/travel-grant/details", v1 + "/participants/" + c + "/travel-grant/details", 200);

  // Registrations (§3.3)
  auto reg = call("POST /api/v1/registrations", v1 + "/registrations", 201,
                  Json{{"participantId", b}, {"sessionId", s}, {"status", "confirmed"}});
  std::string r = id_of(reg);
  call("GET /api/v1/registrations", v1 + "/registrations", 200);
  call("GET /api/v1/registrations/:id", v1 + "/registrations/" + r, 200);
  call("PATCH /api/v1/registrations/:id", v1 + "/registrations/" + r, 200, Json{{"notes", "walked"}});
  call("GET /api/v1/registrations/stats/overview", v1 + "/registrations/stats/overview", 200);

  // Check-in (§3.4)
  call("POST /api/v1/checkin/verify-qr", v1 + "/checkin/verify-qr", 200, Json{{"qrCode", b_qr}, {"sessionId", s}});
  auto accepted =
      call("POST /api/v1/checkin/accept", v1 + "/checkin/accept", 201, Json{{"participantId", b}, {"sessionId", s}});
  std::string check_in = id_of(accepted);
  call("POST /api/v1/checkin/decline", v1 + "/checkin/decline", 200, Json{{"participantId", c}, {"sessionId", s}});
  call("GET /api/v1/checkin/attempts", v1 + "/checkin/attempts", 200);
  call("GET /api/v1/checkin/attempts/stats", v1 + "/checkin/attempts/stats", 200);
  call("POST /api/v1/checkin", v1 + "/checkin", 201, Json{{"participantId", c}, {"sessionId", s}});
  call("POST /api/v1/checkin/qr", v1 + "/checkin/qr", 201, Json{{"qrCode", a_qr}, {"sessionId", s}});
  call("GET /api/v1/checkin", v1 + "/checkin", 200);
  call("GET /api/v1/checkin/stats", v1 + "/checkin/stats", 200);
  call("GET /api/v1/checkin/recent", v1 + "/checkin/recent", 200);
  call("GET /api/v1/checkin/verify/:participantId/:sessionId", v1 + "/checkin/verify/" + b + "/" + s, 200);
  call("GET /api/v1/checkin/:id", v1 + "/checkin/" + check_in, 200);
  call("DELETE /api/v1/checkin/:id", v1 + "/checkin/" + check_in, 200);
  call("GET /api/v1/sessions/:id/participants", v1 + "/sessions/" + s + "/participants", 200);
  call("GET /api/v1/sessions/:id/checkins", v1 + "/sessions/" + s + "/checkins", 200);

  // Reports (§3.5)
  call("GET /api/v1/reports/attendance", v1 + "/reports/attendance", 200);
  call("GET /api/v1/reports/session/:sessionId", v1 + "/reports/session/" + s, 200);
  call("GET /api/v1/reports/statistics", v1 + "/reports/statistics", 200);
  call("GET /api/v1/reports/sessions-sheets", v1 + "/reports/sessions-sheets", 200);

  // Bulk (§3.6)
  call("GET /api/v1/bulk/template/participants", v1 + "/bulk/template/participants", 200, std::nullopt, Kind::kFile);
  upload("POST /api/v1/bulk/upload/participants", v1 + "/bulk/upload/participants",
         "name,email\nCsv One,csv1@example.org\n");
  upload("POST /api/v1/bulk/upload/sessions/:sessionId/participants",
         v1 + "/bulk/upload/sessions/" + s + "/participants", "name,email\nCsv Two,csv2@example.org\n");
  call("POST /api/v1/bulk/sessions/:sessionId/assign", v1 + "/bulk/sessions/" + s + "/assign", 200,
       Json{{"participantIds", Json::array({e})}});
  call("GET /api/v1/bulk/sessions/:sessionId/export", v1 + "/bulk/sessions/" + s + "/export", 200, std::nullopt,
       Kind::kFile);

  // Health (§3.7)
  call("GET /api/v1/health", v1 + "/health", 200);
  call("GET /api/v1/health/live", v1 + "/health/live", 200);
  call("GET /api/v1/health/ready", v1 + "/health/ready", 200);

  // Deletes last, so that the routes above had something to work on.
  call("DELETE /api/v1/registrations/:id", v1 + "/registrations/" + r, 200);
  call("DELETE /api/v1/participants/:id", v1 + "/participants/" + d, 200);
  call("DELETE /api/v1/sessions/:id", v1 + "/sessions/" + s2, 200);

  EXPECT_EQ(covered_.size(), 74U) << "the contract lists 74 routes";
}

}  // namespace
}  // namespace admit::test
