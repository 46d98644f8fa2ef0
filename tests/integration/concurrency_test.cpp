// Many doors at once (contract §4.2, §4.3; docs/compatibility.md C1, E3): one check-in per person
// and never more than the capacity, whatever the interleaving, with 409/400 instead of the
// reference's 500s and leaked slots. Every thread owns its HttpClient (one keep-alive connection)
// and connects before a shared latch releases them all together.
#include <functional>
#include <latch>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/fixtures.hpp"

namespace admit::test {
namespace {

constexpr int kThreads = 64;

struct Outcome {
  int status = 0;  // 0: the request failed at the connection level
  std::string message;
  std::string participant_id;  // of the check-in, when created
};

struct Person {
  std::string id;
  std::string qr_code;
};

class ConcurrencyTest : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    // No background scheduler pass between the tests' own requests.
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--scheduler-interval-ms", "3600000"});
  }

  // Runs jobs 0..jobs-1 on kThreads threads (job j on thread j % kThreads), all starting together.
  std::vector<Outcome> run_parallel(int jobs, const std::function<Reply(HttpClient&, int)>& job) {
    std::vector<Outcome> outcomes(static_cast<std::size_t>(jobs));
    std::latch ready(kThreads);
    std::vector<std::thread> threads;
    const auto port = server().port();
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        HttpClient client(port);
        bool connected = true;
        try {
          // Connect now, so that the latch releases requests rather than TCP handshakes.
          connected = client.get("/api/v1/health/live").status == 200;
        } catch (const std::exception&) {
          connected = false;
        }
        ready.arrive_and_wait();
        for (int j = t; j < jobs && connected; j += kThreads) {
          auto& out = outcomes[static_cast<std::size_t>(j)];
          try {
            Reply reply = job(client, j);
            out.status = reply.status;
            if (reply.body.is_object()) {
              out.message = reply.body.value("message", "");
              if (reply.status == 201) out.participant_id = reply.data().value("participantId", "");
            }
          } catch (const std::exception& e) {
            out.message = e.what();
          }
        }
      });
    }
    for (auto& t : threads)
      t.join();
    return outcomes;
  }

  static std::map<int, int> by_status(const std::vector<Outcome>& outcomes) {
    std::map<int, int> counts;
    for (const auto& o : outcomes)
      ++counts[o.status];
    return counts;
  }

  // `n` participants through the bulk route, then their ids and codes from the list.
  std::vector<Person> people(int n, const std::string& tag) {
    Json items = Json::array();
    for (int i = 0; i < n; ++i)
      items.push_back(
          Json{{"name", tag + " " + std::to_string(i)}, {"email", tag + std::to_string(i) + "@example.org"}});
    auto created = http().post("/api/v1/participants/bulk", Json{{"participants", items}});
    EXPECT_EQ(created.status, 201) << created.raw;
    EXPECT_EQ(created.data().value("created", -1), n);
    std::vector<Person> out;
    for (int page = 1;; ++page) {
      auto reply =
          http().get("/api/v1/participants?limit=100&sortBy=createdAt&sortOrder=asc&page=" + std::to_string(page) +
                     "&search=" + tag);
      EXPECT_EQ(reply.status, 200) << reply.raw;
      if (reply.status != 200 || reply.data().empty()) break;
      for (const auto& p : reply.data())
        out.push_back({p["_id"].get<std::string>(), p["qrCode"].get<std::string>()});
    }
    EXPECT_EQ(out.size(), static_cast<std::size_t>(n));
    return out;
  }

  std::string open_session(int capacity) {
    auto reply = http().post("/api/v1/sessions", Json{{"name", "Crowded " + std::to_string(capacity)},
                                                      {"startTime", iso_from_now(-5)},
                                                      {"endTime", iso_from_now(60)},
                                                      {"isOpen", true},
                                                      {"capacity", capacity}});
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.data().value("_id", "");
  }

  // The counter, the stats and the rows of a session must all agree.
  void expect_session_holds(const std::string& session_id, int expected, const std::set<std::string>& admitted) {
    auto session = http().get("/api/v1/sessions/" + session_id);
    ASSERT_EQ(session.status, 200) << session.raw;
    EXPECT_EQ(session.data()["checkInsCount"], expected);
    auto stats = http().get("/api/v1/checkin/stats?sessionId=" + session_id);
    ASSERT_EQ(stats.status, 200) << stats.raw;
    EXPECT_EQ(stats.data()["total"], expected);
    auto list = http().get("/api/v1/checkin?limit=100&sessionId=" + session_id);
    ASSERT_EQ(list.status, 200) << list.raw;
    EXPECT_EQ(list.body["meta"]["total"], expected);
    std::set<std::string> rows;
    for (const auto& c : list.data())
      rows.insert(c["participantId"]["_id"].get<std::string>());
    EXPECT_EQ(rows, admitted);
  }
};

TEST_F(ConcurrencyTest, SameParticipantAcceptedAtSixtyFourDoorsIsCheckedInOnce) {
  const std::string session_id = open_session(0);
  const std::string participant_id = create_participant({{"name", "Jane Doe"}});

  auto outcomes = run_parallel(kThreads, [&](HttpClient& client, int) {
    return client.post("/api/v1/checkin/accept", Json{{"participantId", participant_id}, {"sessionId", session_id}});
  });

  EXPECT_EQ(by_status(outcomes), (std::map<int, int>{{201, 1}, {409, kThreads - 1}}));
  for (const auto& o : outcomes) {
    if (o.status == 409) {
      EXPECT_EQ(o.message,
                "CheckIn with participant-session \"Participant Jane Doe is already checked in to this session\" "
                "already exists");
    }
  }
  expect_session_holds(session_id, 1, {participant_id});
}

TEST_F(ConcurrencyTest, CapacityHoldsUnderTwoHundredSimultaneousAccepts) {
  const std::string session_id = open_session(20);
  auto crowd = people(200, "accept");
  ASSERT_EQ(crowd.size(), 200U);

  auto outcomes = run_parallel(200, [&](HttpClient& client, int j) {
    return client.post("/api/v1/checkin/accept",
                       Json{{"participantId", crowd[static_cast<std::size_t>(j)].id}, {"sessionId", session_id}});
  });

  EXPECT_EQ(by_status(outcomes), (std::map<int, int>{{201, 20}, {400, 180}}));
  std::set<std::string> admitted;
  for (const auto& o : outcomes) {
    if (o.status == 201) admitted.insert(o.participant_id);
    if (o.status == 400) {
      EXPECT_EQ(o.message, "Session is at full capacity (20 participants).");
    }
  }
  EXPECT_EQ(admitted.size(), 20U);
  expect_session_holds(session_id, 20, admitted);
}

TEST_F(ConcurrencyTest, CapacityHoldsUnderTwoHundredSimultaneousQrCheckIns) {
  const std::string session_id = open_session(20);
  auto crowd = people(200, "scan");
  ASSERT_EQ(crowd.size(), 200U);

  auto outcomes = run_parallel(200, [&](HttpClient& client, int j) {
    return client.post("/api/v1/checkin/qr",
                       Json{{"qrCode", crowd[static_cast<std::size_t>(j)].qr_code}, {"sessionId", session_id}});
  });

  EXPECT_EQ(by_status(outcomes), (std::map<int, int>{{201, 20}, {400, 180}}));
  std::set<std::string> admitted;
  for (const auto& o : outcomes) {
    if (o.status == 201) admitted.insert(o.participant_id);
    if (o.status == 400) {
      EXPECT_EQ(o.message, "Session is at full capacity (20 participants). Cannot accept more check-ins.");
    }
  }
  EXPECT_EQ(admitted.size(), 20U);
  expect_session_holds(session_id, 20, admitted);
  auto stats = http().get("/api/v1/checkin/stats?sessionId=" + session_id);
  EXPECT_EQ(stats.data(), (Json{{"total", 20}, {"qr", 20}, {"manual", 0}}));
}

TEST_F(ConcurrencyTest, SameParticipantAtManyDoorsOfAFullSessionGetsOneSlot) {
  // Mixed: the same 8 people hammer a 4-seat session from all doors and routes. Every person is
  // admitted at most once, the session holds exactly 4, and every refusal is a 400 or 409.
  const std::string session_id = open_session(4);
  auto crowd = people(8, "mixed");
  ASSERT_EQ(crowd.size(), 8U);

  auto outcomes = run_parallel(kThreads, [&](HttpClient& client, int j) {
    const auto& person = crowd[static_cast<std::size_t>(j) % crowd.size()];
    switch (j % 3) {
      case 0:
        return client.post("/api/v1/checkin/accept", Json{{"participantId", person.id}, {"sessionId", session_id}});
      case 1:
        return client.post("/api/v1/checkin", Json{{"participantId", person.id}, {"sessionId", session_id}});
      default:
        return client.post("/api/v1/checkin/qr", Json{{"qrCode", person.qr_code}, {"sessionId", session_id}});
    }
  });

  auto counts = by_status(outcomes);
  EXPECT_EQ(counts[201], 4);
  EXPECT_EQ(counts[201] + counts[400] + counts[409], kThreads) << "unexpected statuses";
  std::set<std::string> admitted;
  for (const auto& o : outcomes) {
    if (o.status == 201) {
      EXPECT_TRUE(admitted.insert(o.participant_id).second) << "admitted twice";
    }
    if (o.status == 400) {
      EXPECT_NE(o.message.find("full capacity"), std::string::npos) << o.message;
    }
    if (o.status == 409) {
      EXPECT_NE(o.message.find("is already checked in"), std::string::npos) << o.message;
    }
  }
  expect_session_holds(session_id, 4, admitted);
}

}  // namespace
}  // namespace admit::test
