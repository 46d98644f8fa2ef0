// Prometheus metrics (issue 4 item 6): GET /api/v1/metrics scraped and parsed after real traffic,
// checked with Debian's promtool, and the separate --metrics-address listener.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "support/exposition.hpp"
#include "support/fixtures.hpp"

namespace admit::test {
namespace {

class MetricsTest : public ApiTest {
 protected:
  Exposition scrape() {
    auto reply = http().get("/api/v1/metrics");
    EXPECT_EQ(reply.status, 200) << reply.raw;
    EXPECT_EQ(reply.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    last_ = reply.raw;
    return Exposition(reply.raw);
  }

  std::string last_;
};

double requests(const Exposition& e, const std::string& method, const std::string& route, const std::string& status) {
  return e.sum("http_requests_total", {{"method", method}, {"route", route}, {"status", status}});
}

TEST_F(MetricsTest, RequestsAreCountedByRouteTemplateNeverByPath) {
  auto before = scrape();
  auto session = create_session();
  ASSERT_EQ(http().get("/api/v1/sessions/" + session).status, 200);
  ASSERT_EQ(http().get("/api/v1/sessions/" + session + "?search=alice%40example.org").status, 200);
  ASSERT_EQ(http().get("/api/v1/sessions/0123456789abcdef01234567").status, 404);
  ASSERT_EQ(http().get("/api/v1/no-such-route/alice@example.org").status, 404);
  auto after = scrape();

  EXPECT_EQ(
      requests(after, "GET", "/api/v1/sessions/:id", "200") - requests(before, "GET", "/api/v1/sessions/:id", "200"),
      2);
  EXPECT_EQ(
      requests(after, "GET", "/api/v1/sessions/:id", "404") - requests(before, "GET", "/api/v1/sessions/:id", "404"),
      1);
  EXPECT_EQ(requests(after, "POST", "/api/v1/sessions", "201") - requests(before, "POST", "/api/v1/sessions", "201"),
            1);
  EXPECT_GE(requests(after, "GET", "unmatched", "404") - requests(before, "GET", "unmatched", "404"), 1);
  // The duration histogram: buckets, sum and count per method and route.
  auto count =
      after.value("http_request_duration_seconds_count", {{"method", "GET"}, {"route", "/api/v1/sessions/:id"}});
  ASSERT_TRUE(count);
  EXPECT_GE(*count, 3);
  EXPECT_EQ(after.value("http_request_duration_seconds_bucket",
                        {{"method", "GET"}, {"route", "/api/v1/sessions/:id"}, {"le", "+Inf"}}),
            count);
  EXPECT_EQ(after.types().at("http_requests_total"), "counter");
  EXPECT_EQ(after.types().at("http_request_duration_seconds"), "histogram");

  // No raw path, id or query value ever becomes a label of the HTTP metrics.
  for (const auto& s : after.samples()) {
    if (!s.name.starts_with("http_")) continue;
    for (const auto& [label, value] : s.labels) {
      EXPECT_EQ(value.find(session), std::string::npos) << s.name << " " << label << "=" << value;
      EXPECT_EQ(value.find("alice"), std::string::npos) << s.name << " " << label << "=" << value;
      EXPECT_EQ(value.find("0123456789abcdef"), std::string::npos) << s.name << " " << label << "=" << value;
    }
  }
}

TEST_F(MetricsTest, CheckInOutcomesAndOpenSessionGauges) {
  auto before = scrape();
  auto session = create_session({{"name", "Keynote hall"}, {"capacity", 10}});
  auto closed = create_session({{"isOpen", false}});
  auto alice = create_participant();
  auto bob = create_participant();
  create_registration(alice, session);
  auto qr = http().get("/api/v1/participants/" + alice).data().at("qrCode").get<std::string>();
  ASSERT_EQ(http().post("/api/v1/checkin/verify-qr", Json{{"qrCode", qr}, {"sessionId", session}}).status, 200);
  ASSERT_EQ(http().post("/api/v1/checkin/accept", Json{{"participantId", alice}, {"sessionId", session}}).status, 201);
  ASSERT_EQ(http().post("/api/v1/checkin/verify-qr", Json{{"qrCode", qr}, {"sessionId", session}}).status, 200);
  ASSERT_EQ(http().post("/api/v1/checkin/decline", Json{{"participantId", bob}, {"sessionId", session}}).status, 200);
  // A refusal (already checked in) is not an outcome: it is a 409 of the route.
  ASSERT_EQ(http().post("/api/v1/checkin/accept", Json{{"participantId", alice}, {"sessionId", session}}).status, 409);
  auto after = scrape();

  auto delta = [&](const std::string& result, const std::string& badge) {
    std::map<std::string, std::string> labels = {{"result", result}, {"badge", badge}};
    return after.value("admit_checkin_outcomes_total", labels).value_or(-1) -
           before.value("admit_checkin_outcomes_total", labels).value_or(-1);
  };
  EXPECT_EQ(delta("verified", "registered"), 1);
  EXPECT_EQ(delta("verified", "already_checked_in"), 1);
  EXPECT_EQ(delta("verified", "not_registered"), 0);
  EXPECT_EQ(delta("accepted", "accepted"), 1);
  EXPECT_EQ(delta("accepted", "accepted_unregistered"), 0);
  EXPECT_EQ(delta("declined", "not_registered"), 1);
  EXPECT_EQ(requests(after, "POST", "/api/v1/checkin/accept", "409") -
                requests(before, "POST", "/api/v1/checkin/accept", "409"),
            1);

  // Gauges of open sessions only (the store was reset: just this one is open).
  EXPECT_EQ(after.value("admit_sessions_open"), 1);
  EXPECT_EQ(after.value("admit_session_checked_in", {{"session_id", session}, {"session", "Keynote hall"}}), 1);
  EXPECT_EQ(after.value("admit_session_capacity", {{"session_id", session}, {"enforced", "true"}}), 10);
  EXPECT_EQ(after.value("admit_session_capacity_remaining", {{"session_id", session}}), 9);
  EXPECT_FALSE(after.value("admit_session_checked_in", {{"session_id", closed}}));
}

TEST_F(MetricsTest, StorageProcessAndConnectionMetrics) {
  create_session();
  auto e = scrape();
  // Every write went through the group-commit writer.
  EXPECT_GE(e.value("admit_db_write_batch_size_count").value_or(0), 1);
  EXPECT_GE(e.value("admit_db_write_batch_size_sum").value_or(0),
            e.value("admit_db_write_batch_size_count").value_or(0));
  EXPECT_GE(e.value("admit_db_commit_seconds_count").value_or(0), 1);
  EXPECT_GT(e.value("admit_db_commit_seconds_sum").value_or(0), 0);
  EXPECT_GE(e.value("admit_db_write_batches_total", {{"outcome", "committed"}}).value_or(0), 1);
  EXPECT_EQ(e.value("admit_db_write_batches_total", {{"outcome", "failed"}}), 0);

  EXPECT_GT(e.value("process_resident_memory_bytes").value_or(0), 1e6);
  EXPECT_GT(e.value("process_virtual_memory_bytes").value_or(0), 1e6);
  EXPECT_GT(e.value("process_cpu_seconds_total").value_or(0), 0);
  EXPECT_GE(e.value("process_open_fds").value_or(0), 3);
  EXPECT_GE(e.value("process_max_fds").value_or(0), e.value("process_open_fds").value_or(1e9));
  EXPECT_GT(e.value("process_start_time_seconds").value_or(0), 1.6e9);  // after 2020
  EXPECT_EQ(e.types().at("process_cpu_seconds_total"), "counter");

  EXPECT_GE(e.value("admit_http_open_connections").value_or(0), 1);  // this client's connection
  EXPECT_EQ(e.value("admit_realtime_connections"), 0);
  EXPECT_EQ(e.value("admit_build_info").value_or(0), 1);
}

// Runs promtool (Debian's prometheus package) on the exposition; it lints names, units, HELP and
// TYPE lines and the format itself.
TEST_F(MetricsTest, PromtoolAcceptsTheExposition) {
  if (std::system("command -v promtool >/dev/null 2>&1") != 0) GTEST_SKIP() << "promtool is not installed";
  // Some traffic first, so that every family has series (histograms included).
  auto session = create_session({{"capacity", 5}});
  auto p = create_participant();
  ASSERT_EQ(http().post("/api/v1/checkin/accept", Json{{"participantId", p}, {"sessionId", session}}).status, 201);
  ASSERT_EQ(http().get("/api/v1/nowhere").status, 404);
  scrape();
  auto file = server().data_dir() / "scrape.txt";
  std::ofstream(file) << last_;
  std::string command = "promtool check metrics < '" + file.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr)
    output += buffer;
  int status = pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output << "\n--- scrape ---\n" << last_;
  EXPECT_EQ(output, "") << output;
}

// --metrics-address: a second listener with GET /metrics and nothing else.
TEST(MetricsListenerTest, ServesTheScrapeAndNothingElse) {
  ServerProcess server({"--metrics-address", "127.0.0.1:0"});
  std::ifstream in(server.data_dir() / "port");
  int api_port = 0;
  int metrics_port = 0;
  ASSERT_TRUE(in >> api_port >> metrics_port);
  ASSERT_EQ(api_port, server.port());
  ASSERT_GT(metrics_port, 0);
  ASSERT_NE(metrics_port, api_port);

  HttpClient api(server.port());
  ASSERT_EQ(api.get("/api/v1/health").status, 200);
  HttpClient metrics(static_cast<std::uint16_t>(metrics_port));
  auto scrape = metrics.get("/metrics");
  ASSERT_EQ(scrape.status, 200);
  EXPECT_EQ(scrape.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  Exposition e(scrape.raw);
  EXPECT_GE(e.sum("http_requests_total", {{"route", "/api/v1/health"}, {"status", "200"}}), 1);
  EXPECT_TRUE(e.value("process_resident_memory_bytes"));

  // The API is not reachable through the metrics port, and /metrics is read-only.
  EXPECT_EQ(metrics.get("/api/v1/sessions").status, 404);
  EXPECT_EQ(metrics.get("/api/v1/health").status, 404);
  EXPECT_EQ(metrics.post("/metrics", Json::object()).status, 405);
}

TEST(MetricsListenerTest, RefusesAMalformedAddress) {
  EXPECT_THROW(ServerProcess({"--metrics-address", "localhost"}), std::runtime_error);
  EXPECT_THROW(ServerProcess({"--metrics-address", "127.0.0.1:99999"}), std::runtime_error);
}

}  // namespace
}  // namespace admit::test
