// A door server killed with SIGKILL in the middle of a rush (no shutdown, no flush) and started
// again on the same data directory: every check-in that was answered 201 is still there, the
// session's counter equals its rows, and the only rows nobody was told about belong to requests
// that were in flight at the kill. Two kills in a row, the second on the recovered store.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace admit::test {
namespace {

constexpr int kParticipants = 2000;
constexpr int kDoors = 8;
constexpr std::size_t kSuccessesBeforeKill = 400;

class CrashTest : public ::testing::Test {
 protected:
  // Its own process (not the suite-shared one): this test kills it.
  ServerProcess server_;
};

struct Burst {
  std::mutex mutex;
  std::condition_variable progressed;
  std::set<std::string> attempted;  // requests that may have reached the server
  std::vector<std::string> succeeded;
  std::vector<std::string> unexpected;  // any answer other than 201
  int doors_running = 0;
};

// Accepts people[next...] from kDoors threads until `target` have been answered 201, then kills
// the server while the other doors' requests are in flight. Returns when every door has stopped.
void burst_then_kill(ServerProcess& server, const std::string& session_id, const std::vector<std::string>& people,
                     std::atomic<std::size_t>& next, std::size_t target, Burst& burst) {
  const auto port = server.port();
  burst.doors_running = kDoors;
  std::vector<std::thread> doors;
  for (int d = 0; d < kDoors; ++d) {
    doors.emplace_back([&, port] {
      HttpClient client(port);
      for (;;) {
        std::size_t i = next.fetch_add(1);
        if (i >= people.size()) break;
        {
          std::lock_guard lock(burst.mutex);
          burst.attempted.insert(people[i]);
        }
        Reply reply;
        try {
          reply = client.post("/api/v1/checkin/accept", Json{{"participantId", people[i]}, {"sessionId", session_id}});
        } catch (const std::exception&) {
          break;  // the server is gone
        }
        std::lock_guard lock(burst.mutex);
        if (reply.status == 201) {
          burst.succeeded.push_back(people[i]);
          if (burst.succeeded.size() >= target) burst.progressed.notify_all();
        } else {
          burst.unexpected.push_back(std::to_string(reply.status) + " " + reply.raw);
        }
      }
      std::lock_guard lock(burst.mutex);
      --burst.doors_running;
      burst.progressed.notify_all();
    });
  }
  {
    std::unique_lock lock(burst.mutex);
    burst.progressed.wait(lock, [&] { return burst.succeeded.size() >= target || burst.doors_running == 0; });
  }
  // The other doors are mid-request right now.
  server.kill_hard();
  for (auto& d : doors)
    d.join();
}

std::vector<std::string> create_people(HttpClient& http, int n) {
  for (int start = 0; start < n; start += 500) {
    Json items = Json::array();
    for (int i = start; i < std::min(n, start + 500); ++i)
      items.push_back(
          Json{{"name", "Guest " + std::to_string(i)}, {"email", "guest" + std::to_string(i) + "@example.org"}});
    auto reply = http.post("/api/v1/participants/bulk", Json{{"participants", items}});
    EXPECT_EQ(reply.status, 201) << reply.raw;
  }
  std::vector<std::string> ids;
  for (int page = 1;; ++page) {
    auto reply = http.get("/api/v1/participants?limit=100&sortBy=createdAt&sortOrder=asc&page=" + std::to_string(page));
    EXPECT_EQ(reply.status, 200) << reply.raw;
    if (reply.status != 200 || reply.data().empty()) break;
    for (const auto& p : reply.data())
      ids.push_back(p["_id"].get<std::string>());
  }
  return ids;
}

// Every check-in row of the session (participant ids), through the paged list.
std::multiset<std::string> rows_of(HttpClient& http, const std::string& session_id) {
  std::multiset<std::string> rows;
  for (int page = 1;; ++page) {
    auto reply = http.get("/api/v1/checkin?limit=100&sessionId=" + session_id + "&page=" + std::to_string(page));
    EXPECT_EQ(reply.status, 200) << reply.raw;
    if (reply.status != 200 || reply.data().empty()) break;
    for (const auto& c : reply.data())
      rows.insert(c["participantId"]["_id"].get<std::string>());
  }
  return rows;
}

TEST_F(CrashTest, SigkillDuringARushLosesNoAcknowledgedCheckIn) {
  std::string session_id;
  std::vector<std::string> people;
  {
    HttpClient http(server_.port());
    auto session = http.post(
        "/api/v1/sessions",
        Json{{"name", "Rush"}, {"startTime", iso_from_now(-5)}, {"endTime", iso_from_now(600)}, {"isOpen", true}});
    ASSERT_EQ(session.status, 201) << session.raw;
    session_id = session.data()["_id"].get<std::string>();
    people = create_people(http, kParticipants);
    ASSERT_EQ(people.size(), static_cast<std::size_t>(kParticipants));
  }

  std::atomic<std::size_t> next{0};
  std::set<std::string> attempted;
  std::set<std::string> acknowledged;
  for (int round = 1; round <= 2; ++round) {
    SCOPED_TRACE("kill " + std::to_string(round));
    Burst burst;
    burst_then_kill(server_, session_id, people, next, kSuccessesBeforeKill, burst);
    ASSERT_TRUE(burst.unexpected.empty()) << burst.unexpected.front();
    ASSERT_GE(burst.succeeded.size(), kSuccessesBeforeKill) << "the doors stopped before the kill";
    attempted.insert(burst.attempted.begin(), burst.attempted.end());
    acknowledged.insert(burst.succeeded.begin(), burst.succeeded.end());

    server_.start();
    HttpClient http(server_.port());
    // Every 201 survived the kill.
    for (const auto& id : burst.succeeded) {
      auto reply = http.get("/api/v1/checkin/verify/" + id + "/" + session_id);
      ASSERT_EQ(reply.status, 200) << reply.raw;
      EXPECT_EQ(reply.data()["isCheckedIn"], true) << id;
    }
    // Counter, stats and rows agree; rows are at least the acknowledged and at most the attempted.
    auto rows = rows_of(http, session_id);
    auto stats = http.get("/api/v1/checkin/stats?sessionId=" + session_id);
    ASSERT_EQ(stats.status, 200) << stats.raw;
    auto session = http.get("/api/v1/sessions/" + session_id);
    ASSERT_EQ(session.status, 200) << session.raw;
    EXPECT_EQ(stats.data()["total"], rows.size());
    EXPECT_EQ(session.data()["checkInsCount"], rows.size());
    EXPECT_GE(rows.size(), acknowledged.size());
    EXPECT_LE(rows.size(), attempted.size());
    std::size_t unaccounted = 0;
    for (const auto& id : rows) {
      EXPECT_EQ(rows.count(id), 1U) << "checked in twice: " << id;
      if (!attempted.contains(id)) ++unaccounted;
    }
    EXPECT_EQ(unaccounted, 0U);
    // Requests that were in flight: at most one per door.
    EXPECT_LE(rows.size() - acknowledged.size(), static_cast<std::size_t>(kDoors) * round);
  }

  // The recovered store still takes check-ins, and counts them.
  HttpClient http(server_.port());
  auto last = http.post("/api/v1/checkin/accept", Json{{"participantId", people.back()}, {"sessionId", session_id}});
  EXPECT_EQ(last.status, 201) << last.raw;
}

}  // namespace
}  // namespace admit::test
