// The JSON access log (issue 4 item 7): one line per request with the request id (accepted from
// X-Request-Id or generated, and returned), the route template, status, latency and client, and
// no personal data at info level.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "support/http_client.hpp"

namespace admit::test {
namespace {

// admit with its stderr in a file and its own log level (ServerProcess pins "warn"). Only public
// routes and unmatched paths are used, so the test holds whatever --auth defaults to.
class LoggedServer {
 public:
  explicit LoggedServer(std::vector<std::string> extra) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("admit-log-" + std::to_string(rd()) + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    std::vector<std::string> args = {ADMIT_BINARY,  "serve",
                                     "--port",      "0",
                                     "--data",      (dir_ / "data").string(),
                                     "--port-file", (dir_ / "port").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    auto log = (dir_ / "stderr.log").string();
    pid_ = fork();
    if (pid_ == 0) {
      int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(fd, 2);
      execv(argv[0], argv.data());
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(dir_ / "port");
      int port = 0;
      if (in >> port && port > 0) {
        port_ = static_cast<std::uint16_t>(port);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("admit did not start");
  }
  ~LoggedServer() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::uint16_t port() const { return port_; }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  // The JSON lines of the "access" logger (after stop(), so that everything is written).
  std::vector<Json> access_lines() const {
    std::ifstream in(dir_ / "stderr.log");
    std::vector<Json> out;
    std::string line;
    while (std::getline(in, line)) {
      auto j = Json::parse(line);  // every log line is JSON
      if (j.value("logger", "") == "access") out.push_back(std::move(j));
    }
    return out;
  }
  std::string raw_log() const {
    std::ifstream in(dir_ / "stderr.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

const Json* find_by_id(const std::vector<Json>& lines, const std::string& id) {
  for (const auto& l : lines)
    if (l.value("request_id", "") == id) return &l;
  return nullptr;
}

TEST(AccessLogTest, OneStructuredLinePerRequestWithTheRouteTemplate) {
  LoggedServer server({"--log-level", "info"});
  HttpClient http(server.port());
  auto given = http.request("GET", "/api/v1/health", std::nullopt, {{"X-Request-Id", "door-3-scan-42"}});
  ASSERT_EQ(given.status, 200);
  EXPECT_EQ(given.header("x-request-id"), "door-3-scan-42");
  // Personal data in the path and the query string must not reach the log.
  auto by_id = http.get("/api/v1/participants/0123456789abcdef01234567?search=alice%40example.org");
  auto unmatched = http.get("/api/v1/nowhere/bob@example.org?email=carol%40example.org");
  ASSERT_EQ(unmatched.status, 404);
  // An unusable id (control characters are refused, so is anything over 128 characters) is replaced.
  auto replaced = http.request("GET", "/api/v1/health/live", std::nullopt, {{"X-Request-Id", std::string(200, 'x')}});
  std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  EXPECT_TRUE(std::regex_match(replaced.header("x-request-id"), uuid)) << replaced.header("x-request-id");
  server.stop();

  auto lines = server.access_lines();
  ASSERT_GE(lines.size(), 4U) << server.raw_log();
  const Json* health = find_by_id(lines, "door-3-scan-42");
  ASSERT_NE(health, nullptr) << server.raw_log();
  EXPECT_EQ(health->at("level"), "info");
  EXPECT_EQ(health->at("msg"), "request");
  EXPECT_EQ(health->at("method"), "GET");
  EXPECT_EQ(health->at("route"), "/api/v1/health");
  EXPECT_EQ(health->at("status"), 200);
  EXPECT_TRUE(health->at("duration_ms").is_number());
  EXPECT_GE(health->at("duration_ms").get<double>(), 0);
  EXPECT_EQ(health->at("bytes"), given.raw.size());
  EXPECT_TRUE(health->at("client").get<std::string>().starts_with("127.0.0.1")) << health->dump();
  EXPECT_TRUE(health->at("time").is_string());

  const Json* participant = find_by_id(lines, by_id.header("x-request-id"));
  ASSERT_NE(participant, nullptr);
  EXPECT_EQ(participant->at("route"), "/api/v1/participants/:id");
  EXPECT_EQ(participant->at("status"), by_id.status);
  const Json* miss = find_by_id(lines, unmatched.header("x-request-id"));
  ASSERT_NE(miss, nullptr);
  EXPECT_EQ(miss->at("route"), "unmatched");
  EXPECT_EQ(miss->at("status"), 404);
  ASSERT_NE(find_by_id(lines, replaced.header("x-request-id")), nullptr);

  auto log = server.raw_log();
  for (const char* secret : {"alice", "bob", "carol", "0123456789abcdef01234567"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " is in the log:\n" << log;
}

TEST(AccessLogTest, DebugLevelAddsTheRawTarget) {
  LoggedServer server({"--log-level", "debug"});
  HttpClient http(server.port());
  auto reply = http.get("/api/v1/health?probe=1");
  server.stop();
  auto lines = server.access_lines();
  const Json* line = find_by_id(lines, reply.header("x-request-id"));
  ASSERT_NE(line, nullptr) << server.raw_log();
  EXPECT_EQ(line->at("target"), "/api/v1/health?probe=1");
}

TEST(AccessLogTest, CanBeTurnedOff) {
  LoggedServer server({"--log-level", "info", "--access-log", "off"});
  HttpClient http(server.port());
  ASSERT_EQ(http.get("/api/v1/health").status, 200);
  server.stop();
  EXPECT_TRUE(server.access_lines().empty()) << server.raw_log();
  EXPECT_NE(server.raw_log().find("listening"), std::string::npos);  // the rest of the log is still there
}

}  // namespace
}  // namespace admit::test
