// Faults an event server meets in the field, against the real binary: a full disk, slow clients
// holding connections open (slowloris), ten thousand idle connections, and clock jumps racing
// scheduler passes. (kill -9 under load is crash_test.cpp.)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <barrier>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/admit_command.hpp"
#include "support/fixtures.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace admit::test {
namespace {

namespace fs = std::filesystem;

int connect_to(std::uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& text) {
  return send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
}

// True when the peer has closed the connection (EOF or reset), without blocking.
bool closed_by_peer(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, 0) <= 0) return false;
  char c;
  auto n = recv(fd, &c, 1, MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

std::size_t open_descriptors(pid_t pid) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != fs::directory_iterator(); it.increment(ec))
    ++n;
  return n;
}

Json participant(int i, const std::string& notes) {
  return Json{{"name", "Guest " + std::to_string(i)},
              {"email", "guest" + std::to_string(i) + "@example.org"},
              {"notes", notes}};
}

// ---------------------------------------------------------------------------------------------
// Full disk: the data directory on a small tmpfs (needs root to mount; skipped otherwise).

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "mounting a small filesystem needs root";
    server_ = std::make_unique<ServerProcess>();
    server_->stop();
    mount_point_ = server_->data_dir();
    if (mount("admit-test", mount_point_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=8m,mode=0700") != 0) {
      mount_point_.clear();
      GTEST_SKIP() << "cannot mount a tmpfs here: " << std::strerror(errno);
    }
    server_->start();
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (!mount_point_.empty()) umount2(mount_point_.c_str(), MNT_DETACH);
  }

  std::unique_ptr<ServerProcess> server_;
  fs::path mount_point_;
};

TEST_F(DiskFullTest, WritesFailWith503NamingTheDiskKeepEverythingAndRecover) {
  HttpClient http(server_->port());
  const std::string notes(400, 'n');
  int next = 0;
  std::vector<int> acknowledged;
  for (; next < 20; ++next) {
    ASSERT_EQ(http.post("/api/v1/participants", participant(next, notes)).status, 201);
    acknowledged.push_back(next);
  }

  // Leave about 300 kB: a few dozen commits' worth of write-ahead log.
  struct statvfs fs_info {};
  ASSERT_EQ(statvfs(mount_point_.c_str(), &fs_info), 0);
  auto free_bytes = static_cast<std::uint64_t>(fs_info.f_bavail) * fs_info.f_frsize;
  ASSERT_GT(free_bytes, 1024U * 1024);
  auto filler = mount_point_ / "filler";
  {
    std::ofstream out(filler, std::ios::binary);
    std::string block(64 * 1024, 'f');
    for (std::uint64_t written = 0; written + block.size() < free_bytes - 300 * 1024; written += block.size())
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
  }

  Reply refused;
  for (int attempts = 0; attempts < 5000; ++attempts, ++next) {
    auto reply = http.post("/api/v1/participants", participant(next, notes));
    if (reply.status == 201) {
      acknowledged.push_back(next);
      continue;
    }
    refused = reply;
    break;
  }
  ASSERT_EQ(refused.status, 503) << refused.raw;
  auto message = refused.body.value("message", "");
  EXPECT_NE(message.find("disk has no space left"), std::string::npos) << refused.raw;
  EXPECT_NE(message.find("nothing was saved"), std::string::npos) << refused.raw;
  // Still refused the same clear way, and reads still work.
  for (int i = 0; i < 5; ++i) {
    auto again = http.post("/api/v1/participants", participant(next + 1000 + i, notes));
    EXPECT_EQ(again.status, 503) << again.raw;
  }
  EXPECT_EQ(http.get("/api/v1/health/live").status, 200);
  auto stats = http.get("/api/v1/participants/stats");
  ASSERT_EQ(stats.status, 200) << stats.raw;
  EXPECT_EQ(stats.data()["total"], acknowledged.size());

  // Space comes back: writes succeed again without a restart.
  fs::remove(filler);
  auto recovered = http.post("/api/v1/participants", participant(next + 2000, notes));
  ASSERT_EQ(recovered.status, 201) << recovered.raw;
  acknowledged.push_back(next + 2000);

  // Everything acknowledged is there, after a restart too, and the file is sound.
  EXPECT_EQ(server_->stop(), 0);
  auto check = run_admit({"check", "--data", mount_point_.string()});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  server_->start();
  HttpClient after(server_->port());
  EXPECT_EQ(after.get("/api/v1/participants/stats").data()["total"], acknowledged.size());
  for (int i : {acknowledged.front(), acknowledged[acknowledged.size() / 2], acknowledged.back()}) {
    auto found = after.get("/api/v1/participants?search=guest" + std::to_string(i) + "%40example.org");
    ASSERT_EQ(found.status, 200) << found.raw;
    EXPECT_EQ(found.body["meta"]["total"], 1) << i;
  }
}

// ---------------------------------------------------------------------------------------------
// Slow and idle clients.

TEST(SlowClientTest, SlowlorisConnectionsDoNotStarveRequestsAndAreCutAtTheHeaderTimeout) {
  ServerProcess server;
  constexpr int kSlow = 300;
  std::vector<int> slow;
  for (int i = 0; i < kSlow; ++i) {
    int fd = connect_to(server.port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(send_all(fd, "GET /api/v1/health/live HTTP/1.1\r\nHost: admit\r\n"));
    slow.push_back(fd);
  }
  HttpClient http(server.port());
  auto started = std::chrono::steady_clock::now();
  int rounds = 0;
  // One header line per second per connection, never finishing: Beast's header timeout (30 s)
  // counts from the first byte, not from the last.
  while (std::chrono::steady_clock::now() - started < std::chrono::seconds(40)) {
    for (int fd : slow)
      send_all(fd, "X-Slow: " + std::to_string(rounds) + "\r\n");
    for (int i = 0; i < 5; ++i) {
      auto reply = http.get("/api/v1/health/live");
      ASSERT_EQ(reply.status, 200) << "normal requests starved after " << rounds << " s";
    }
    auto created = http.post("/api/v1/participants", participant(rounds, "slowloris round"));
    ASSERT_EQ(created.status, 201) << created.raw;
    ++rounds;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  int cut = 0;
  for (int fd : slow) {
    if (closed_by_peer(fd)) ++cut;
    close(fd);
  }
  EXPECT_EQ(cut, kSlow) << "slow connections still open after 40 s";
}

TEST(SlowClientTest, TenThousandIdleConnectionsDoNotStarveRequests) {
  constexpr std::size_t kIdle = 10000;
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_max < kIdle + 500) GTEST_SKIP() << "open-file hard limit " << limit.rlim_max << " < " << kIdle + 500;
  rlimit raised = limit;
  raised.rlim_cur = limit.rlim_max;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &raised), 0);

  ServerProcess server;
  std::vector<int> idle;
  idle.reserve(kIdle);
  for (std::size_t i = 0; i < kIdle; ++i) {
    int fd = connect_to(server.port());
    ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
    idle.push_back(fd);
  }
  // The server holds them all (accepted, not waiting in the kernel's queue).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (open_descriptors(server.pid()) < kIdle && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_GE(open_descriptors(server.pid()), kIdle);

  HttpClient http(server.port());
  for (int i = 0; i < 50; ++i)
    ASSERT_EQ(http.get("/api/v1/health/live").status, 200);
  auto session = http.post(
      "/api/v1/sessions",
      Json{{"name", "Busy hall"}, {"startTime", iso_from_now(-5)}, {"endTime", iso_from_now(60)}, {"isOpen", true}});
  EXPECT_EQ(session.status, 201) << session.raw;
  // A few of the idle ones wake up and are served too.
  for (std::size_t i = 0; i < kIdle; i += kIdle / 10) {
    ASSERT_TRUE(send_all(idle[i], "GET /api/v1/health/live HTTP/1.1\r\nHost: admit\r\nConnection: close\r\n\r\n"));
    std::string answer;
    char buffer[4096];
    for (;;) {
      auto n = recv(idle[i], buffer, sizeof buffer, 0);
      if (n <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(n));
    }
    EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0U) << answer;
  }
  for (int fd : idle)
    close(fd);
  setrlimit(RLIMIT_NOFILE, &limit);
}

// ---------------------------------------------------------------------------------------------
// Clock jumps racing scheduler passes: each session is opened once and ended once.

TEST(ClockJumpTest, ConcurrentPassesAfterJumpsOpenAndEndEachSessionExactlyOnce) {
  ServerProcess server({"--scheduler-interval-ms", "3600000"});
  HttpClient http(server.port());
  ASSERT_EQ(http.post("/api/v1/_test/clock", Json{{"now", "2026-01-15T08:00:00.000Z"}}).status, 200);
  constexpr int kSessions = 12;
  for (int i = 0; i < kSessions; ++i) {
    auto reply = http.post("/api/v1/sessions", Json{{"name", "Talk " + std::to_string(i)},
                                                    {"startTime", "2026-01-15T09:00:00.000Z"},
                                                    {"endTime", "2026-01-15T10:00:00.000Z"}});
    ASSERT_EQ(reply.status, 201) << reply.raw;
  }

  // Jumps the clock, then runs eight passes at once; returns how often each name was reported.
  auto race = [&](const std::string& now) {
    EXPECT_EQ(http.post("/api/v1/_test/clock", Json{{"now", now}}).status, 200);
    constexpr int kPasses = 8;
    std::barrier start(kPasses);
    std::mutex mutex;
    std::map<std::string, int> opened;
    std::map<std::string, int> ended;
    std::vector<std::thread> passes;
    for (int p = 0; p < kPasses; ++p) {
      passes.emplace_back([&] {
        HttpClient client(server.port());
        start.arrive_and_wait();
        auto reply = client.post("/api/v1/_test/scheduler/run", Json::object());
        EXPECT_EQ(reply.status, 200) << reply.raw;
        std::lock_guard lock(mutex);
        for (const auto& name : reply.data()["opened"])
          ++opened[name.get<std::string>()];
        for (const auto& name : reply.data()["ended"])
          ++ended[name.get<std::string>()];
      });
    }
    for (auto& t : passes)
      t.join();
    return std::pair{opened, ended};
  };
  auto each_once = [&](const std::map<std::string, int>& counts) {
    if (counts.size() != kSessions) return false;
    return std::all_of(counts.begin(), counts.end(), [](const auto& kv) { return kv.second == 1; });
  };

  auto [opened, none_ended] = race("2026-01-15T08:55:00.000Z");  // forward into the open window
  EXPECT_TRUE(each_once(opened)) << Json(opened);
  EXPECT_TRUE(none_ended.empty()) << Json(none_ended);
  auto [none_opened, ended] = race("2026-01-15T10:30:00.000Z");  // past the end
  EXPECT_TRUE(none_opened.empty()) << Json(none_opened);
  EXPECT_TRUE(each_once(ended)) << Json(ended);
  for (const char* back : {"2026-01-15T09:30:00.000Z", "2026-01-15T08:55:00.000Z", "2026-01-15T11:00:00.000Z"}) {
    auto [o, e] = race(back);  // back into the window, before it, and forward again: nothing
    EXPECT_TRUE(o.empty()) << back << " " << Json(o);
    EXPECT_TRUE(e.empty()) << back << " " << Json(e);
  }
  auto list = http.get("/api/v1/sessions?limit=100");
  ASSERT_EQ(list.status, 200) << list.raw;
  for (const auto& s : list.data()) {
    EXPECT_EQ(s["status"], "ended") << s;
    EXPECT_EQ(s["isOpen"], false) << s;
  }
}

}  // namespace
}  // namespace admit::test
