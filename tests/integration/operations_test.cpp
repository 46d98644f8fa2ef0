// Operations on the data directory with the real binary (docs/operations.md): `admit backup`
// while a server keeps taking check-ins, `admit check`, `admit restore` (refused under a running
// server, verified, keeping the previous file), one server per data directory, a foreign or
// damaged data file at start, periodic backups, and the open-file limit.
#include <sys/resource.h>

#include <atomic>
#include <fstream>
#include <regex>
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

class TempDirectory {
 public:
  TempDirectory() {
    path_ = fs::temp_directory_path() / ("admit-ops-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string create_open_session(HttpClient& http, const std::string& name) {
  auto reply = http.post(
      "/api/v1/sessions",
      Json{{"name", name}, {"startTime", iso_from_now(-5)}, {"endTime", iso_from_now(600)}, {"isOpen", true}});
  EXPECT_EQ(reply.status, 201) << reply.raw;
  return reply.status == 201 ? reply.data()["_id"].get<std::string>() : std::string();
}

std::vector<std::string> create_people(HttpClient& http, int n, const std::string& tag) {
  Json items = Json::array();
  for (int i = 0; i < n; ++i)
    items.push_back(Json{{"name", tag + " " + std::to_string(i)}, {"email", tag + std::to_string(i) + "@example.org"}});
  auto reply = http.post("/api/v1/participants/bulk", Json{{"participants", items}});
  EXPECT_EQ(reply.status, 201) << reply.raw;
  std::vector<std::string> ids;
  for (int page = 1;; ++page) {
    auto list = http.get("/api/v1/participants?limit=100&sortBy=createdAt&sortOrder=asc&page=" + std::to_string(page));
    if (list.status != 200 || list.data().empty()) break;
    for (const auto& p : list.data())
      ids.push_back(p["_id"].get<std::string>());
  }
  return ids;
}

int check_ins_of(HttpClient& http, const std::string& session_id) {
  auto reply = http.get("/api/v1/sessions/" + session_id);
  EXPECT_EQ(reply.status, 200) << reply.raw;
  return reply.status == 200 ? reply.data()["checkInsCount"].get<int>() : -1;
}

// Overwrites `length` bytes of `file` at `offset` with a pattern no valid page holds.
void scribble(const fs::path& file, std::streamoff offset, std::size_t length) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(offset);
  std::string garbage(length, '\xA5');
  f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

fs::path only_file_matching(const fs::path& dir, const std::string& pattern) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(dir))
    if (std::regex_match(entry.path().filename().string(), std::regex(pattern))) found.push_back(entry.path());
  EXPECT_EQ(found.size(), 1U) << pattern;
  return found.empty() ? fs::path() : found.front();
}

// ---------------------------------------------------------------------------------------------

TEST(OperationsTest, BackupWhileServingIsAConsistentSnapshotThatRestores) {
  ServerProcess server;
  TempDirectory out;
  std::string session_id;
  std::vector<std::string> people;
  {
    HttpClient http(server.port());
    session_id = create_open_session(http, "Keynote");
    people = create_people(http, 600, "guest");
    ASSERT_EQ(people.size(), 600U);
  }

  // Doors keep checking people in while three backups are taken.
  std::atomic<bool> stop{false};
  std::atomic<int> accepted{0};
  std::vector<std::thread> doors;
  for (int d = 0; d < 4; ++d) {
    doors.emplace_back([&, d] {
      HttpClient http(server.port());
      for (std::size_t i = static_cast<std::size_t>(d); i < people.size() && !stop; i += 4) {
        auto reply = http.post("/api/v1/checkin/accept", Json{{"participantId", people[i]}, {"sessionId", session_id}});
        if (reply.status == 201) ++accepted;
      }
    });
  }
  while (accepted < 50)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::vector<fs::path> backups;
  for (int i = 0; i < 3; ++i) {
    auto file = out.path() / ("live-" + std::to_string(i) + ".db");
    int before = accepted;
    auto result = run_admit({"backup", file.string(), "--data", server.data_dir().string()});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("integrity ok"), std::string::npos) << result.output;
    EXPECT_GE(before, 50);
    backups.push_back(file);
  }
  stop = true;
  for (auto& d : doors)
    d.join();
  EXPECT_GT(accepted, 50) << "the server kept answering during the backups";

  // Every copy is a single self-contained file whose counters agree with its rows: a snapshot,
  // not a mixture of two moments.
  for (const auto& file : backups) {
    EXPECT_FALSE(fs::exists(file.string() + "-wal")) << file;
    auto check = run_admit({"check", file.string()});
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(check.output.find("result        OK\n"), std::string::npos) << check.output;
    EXPECT_EQ(check.output.find("warning"), std::string::npos) << check.output;
  }
  // No temporary file left beside them.
  for (const auto& entry : fs::directory_iterator(out.path()))
    EXPECT_EQ(entry.path().filename().string().rfind("live-", 0), 0U) << entry.path();

  // The last copy restores into another server's directory and serves.
  ServerProcess again;
  EXPECT_EQ(again.stop(), 0);
  auto restore = run_admit({"restore", backups.back().string(), "--data", again.data_dir().string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  again.start();
  HttpClient http(again.port());
  int count = check_ins_of(http, session_id);
  EXPECT_GE(count, 50);
  EXPECT_LE(count, accepted.load());
  auto stats = http.get("/api/v1/checkin/stats?sessionId=" + session_id);
  ASSERT_EQ(stats.status, 200) << stats.raw;
  EXPECT_EQ(stats.data()["total"], count);
}

TEST(OperationsTest, BackupRefusesToOverwriteWithoutForceAndNamesFilesInADirectory) {
  ServerProcess server;
  TempDirectory out;
  auto file = out.path() / "copy.db";
  ASSERT_EQ(run_admit({"backup", file.string(), "--data", server.data_dir().string()}).exit_code, 0);
  auto again = run_admit({"backup", file.string(), "--data", server.data_dir().string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("already exists; use --force"), std::string::npos) << again.output;
  EXPECT_EQ(run_admit({"backup", file.string(), "--force", "--data", server.data_dir().string()}).exit_code, 0);

  auto into_dir = run_admit({"backup", out.path().string(), "--data", server.data_dir().string()});
  ASSERT_EQ(into_dir.exit_code, 0) << into_dir.output;
  only_file_matching(out.path(), R"(admit-\d{8}T\d{6}Z\.db)");

  TempDirectory empty;
  auto nothing = run_admit({"backup", file.string(), "--force", "--data", empty.path().string()});
  EXPECT_EQ(nothing.exit_code, 3);
  EXPECT_NE(nothing.output.find("no admit data in"), std::string::npos) << nothing.output;
}

TEST(OperationsTest, RestoreIsRefusedWhileAServerHoldsTheDataDirectory) {
  ServerProcess server;
  TempDirectory out;
  auto file = out.path() / "copy.db";
  ASSERT_EQ(run_admit({"backup", file.string(), "--data", server.data_dir().string()}).exit_code, 0);
  std::string session_id;
  {
    HttpClient http(server.port());
    session_id = create_open_session(http, "Created after the backup");
  }
  auto restore = run_admit({"restore", file.string(), "--data", server.data_dir().string()});
  EXPECT_EQ(restore.exit_code, 4) << restore.output;
  EXPECT_NE(restore.output.find("stop the server first"), std::string::npos) << restore.output;
  EXPECT_NE(restore.output.find(std::to_string(server.pid())), std::string::npos) << restore.output;
  // Nothing changed under the server.
  HttpClient http(server.port());
  EXPECT_EQ(http.get("/api/v1/sessions/" + session_id).status, 200);
}

TEST(OperationsTest, RestoreReplacesTheStoreAndKeepsThePreviousFile) {
  ServerProcess server;
  TempDirectory out;
  auto file = out.path() / "before-the-mistake.db";
  std::string kept_id;
  std::string later_id;
  {
    HttpClient http(server.port());
    kept_id = create_open_session(http, "Kept");
    ASSERT_EQ(run_admit({"backup", file.string(), "--data", server.data_dir().string()}).exit_code, 0);
    later_id = create_open_session(http, "Added later");
  }
  // A kill -9 leaves the later session in the write-ahead log only: it must still reach the kept file.
  server.kill_hard();
  auto restore = run_admit({"restore", file.string(), "--data", server.data_dir().string()});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_NE(restore.output.find("the previous data file is kept as"), std::string::npos) << restore.output;

  auto previous = only_file_matching(server.data_dir(), R"(admit\.db\.before-restore-\d{8}T\d{6}Z)");
  auto check_previous = run_admit({"check", previous.string()});
  EXPECT_EQ(check_previous.exit_code, 0) << check_previous.output;
  EXPECT_NE(check_previous.output.find("2 sessions"), std::string::npos) << check_previous.output;

  server.start();
  HttpClient http(server.port());
  EXPECT_EQ(http.get("/api/v1/sessions/" + kept_id).status, 200);
  EXPECT_EQ(http.get("/api/v1/sessions/" + later_id).status, 404);
}

TEST(OperationsTest, RestoreRefusesAFileThatIsNotAnAdmitBackup) {
  ServerProcess server;
  std::string session_id;
  {
    HttpClient http(server.port());
    session_id = create_open_session(http, "Precious");
  }
  EXPECT_EQ(server.stop(), 0);
  auto before = read_file(server.data_dir() / "admit.db");
  TempDirectory out;

  auto text = out.path() / "notes.txt";
  std::ofstream(text) << "not a database at all\n";
  auto refused = run_admit({"restore", text.string(), "--data", server.data_dir().string()});
  EXPECT_EQ(refused.exit_code, 3) << refused.output;
  EXPECT_NE(refused.output.find("not an SQLite database"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("nothing was changed"), std::string::npos) << refused.output;

  auto damaged = out.path() / "damaged.db";
  ASSERT_EQ(run_admit({"backup", damaged.string(), "--data", server.data_dir().string()}).exit_code, 0);
  scribble(damaged, 4096 + 8, 3000);
  auto refused_damaged = run_admit({"restore", damaged.string(), "--data", server.data_dir().string()});
  EXPECT_EQ(refused_damaged.exit_code, 3) << refused_damaged.output;

  EXPECT_EQ(read_file(server.data_dir() / "admit.db"), before);
  for (const auto& entry : fs::directory_iterator(server.data_dir()))
    EXPECT_EQ(entry.path().filename().string().find("before-restore"), std::string::npos) << entry.path();
  server.start();
  HttpClient http(server.port());
  EXPECT_EQ(http.get("/api/v1/sessions/" + session_id).status, 200);
}

TEST(OperationsTest, CheckReportsAHealthyStoreAndADamagedOne) {
  ServerProcess server;
  {
    HttpClient http(server.port());
    create_open_session(http, "Checked");
    create_people(http, 5, "checked");
  }
  // While the server runs.
  auto live = run_admit({"check", "--data", server.data_dir().string()});
  EXPECT_EQ(live.exit_code, 0) << live.output;
  EXPECT_NE(live.output.find("integrity     ok"), std::string::npos) << live.output;
  EXPECT_NE(live.output.find("1 sessions, 5 participants"), std::string::npos) << live.output;
  EXPECT_NE(live.output.find("result        OK"), std::string::npos) << live.output;

  EXPECT_EQ(server.stop(), 0);
  auto db = server.data_dir() / "admit.db";
  auto size = fs::file_size(db);
  ASSERT_GT(size, 3 * 4096U);
  scribble(db, static_cast<std::streamoff>(size / 2), 4096);
  auto damaged = run_admit({"check", "--data", server.data_dir().string()});
  EXPECT_EQ(damaged.exit_code, 3) << damaged.output;
  EXPECT_NE(damaged.output.find("NOT USABLE"), std::string::npos) << damaged.output;

  TempDirectory empty;
  auto missing = run_admit({"check", "--data", empty.path().string()});
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
  EXPECT_NE(missing.output.find("no data file at"), std::string::npos) << missing.output;
}

TEST(OperationsTest, ASecondServerOnTheSameDataDirectoryIsRefused) {
  ServerProcess server;
  auto second = run_admit({"serve", "--port", "0", "--data", server.data_dir().string()});
  EXPECT_EQ(second.exit_code, 4) << second.output;
  EXPECT_NE(second.output.find("is in use by admit process " + std::to_string(server.pid())), std::string::npos)
      << second.output;
  HttpClient http(server.port());
  EXPECT_EQ(http.get("/api/v1/health/live").status, 200);
}

TEST(OperationsTest, MigrateIsRefusedWhileAServerHoldsTheDataDirectory) {
  ServerProcess server;
  auto migrate = run_admit({"migrate", "--data", server.data_dir().string()});
  EXPECT_EQ(migrate.exit_code, 4) << migrate.output;
  EXPECT_NE(migrate.output.find("in use by admit process " + std::to_string(server.pid())), std::string::npos)
      << migrate.output;
  HttpClient http(server.port());
  EXPECT_EQ(http.get("/api/v1/health/live").status, 200);
}

TEST(OperationsTest, AForeignOrDamagedDataFileAtStartGivesAClearMessageAndExitCode3) {
  TempDirectory dir;
  auto db = dir.path() / "admit.db";

  std::ofstream(db, std::ios::binary) << "name,email\nAda,ada@example.org\n";
  auto before = read_file(db);
  auto text = run_admit({"serve", "--port", "0", "--data", dir.path().string()});
  EXPECT_EQ(text.exit_code, 3) << text.output;
  EXPECT_NE(text.output.find("cannot use data file"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find(db.string()), std::string::npos) << text.output;
  EXPECT_EQ(read_file(db), before) << "the file was written to";

  // Another application's SQLite database (made with admit itself, then re-marked).
  fs::remove(db);
  auto sqlite_other = dir.path() / "other.db";
  {
    ServerProcess other;
    ASSERT_EQ(run_admit({"backup", sqlite_other.string(), "--data", other.data_dir().string()}).exit_code, 0);
  }
  {
    std::fstream f(sqlite_other, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(68);  // the application_id field of the SQLite header
    f.write("ABCD", 4);
  }
  fs::rename(sqlite_other, db);
  before = read_file(db);
  auto foreign = run_admit({"serve", "--port", "0", "--data", dir.path().string()});
  EXPECT_EQ(foreign.exit_code, 3) << foreign.output;
  EXPECT_NE(foreign.output.find("another application"), std::string::npos) << foreign.output;
  EXPECT_EQ(read_file(db), before) << "the foreign file was written to";
  auto check = run_admit({"check", "--data", dir.path().string()});
  EXPECT_EQ(check.exit_code, 3) << check.output;
  EXPECT_NE(check.output.find("not admit (application_id 0x41424344)"), std::string::npos) << check.output;
}

TEST(OperationsTest, PeriodicBackupsStartAtOnceAndShowInTheMetrics) {
  TempDirectory backups;
  ServerProcess server(
      {"--backup-interval-minutes", "60", "--backup-keep", "3", "--backup-dir", backups.path().string()});
  fs::path written;
  for (int i = 0; i < 400 && written.empty(); ++i) {
    for (const auto& entry : fs::directory_iterator(backups.path()))
      if (std::regex_match(entry.path().filename().string(), std::regex(R"(admit-\d{8}T\d{6}Z\.db)")))
        written = entry.path();
    if (written.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(written.empty()) << "no backup within 20 s of the start";
  EXPECT_EQ(run_admit({"check", written.string()}).exit_code, 0);

  HttpClient http(server.port());
  auto metrics = http.get("/api/v1/metrics");
  if (metrics.status == 404) GTEST_SKIP() << "no metrics endpoint in this build";
  ASSERT_EQ(metrics.status, 200) << metrics.raw;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(metrics.raw, m, std::regex(R"(\nadmit_backup_last_success_timestamp_seconds ([0-9.e+]+))")))
      << metrics.raw;
  auto last = std::stod(m[1]);
  auto now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GT(last, now - 120);
  EXPECT_LE(last, now + 1);
  EXPECT_NE(metrics.raw.find("\nadmit_backup_interval_seconds 3600"), std::string::npos) << metrics.raw;
  EXPECT_NE(metrics.raw.find("\nadmit_storage_free_bytes "), std::string::npos) << metrics.raw;
}

TEST(OperationsTest, TheServerRaisesItsOpenFileLimitToTheHardLimit) {
  rlimit mine{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &mine), 0);
  if (mine.rlim_max <= 1024) GTEST_SKIP() << "hard limit " << mine.rlim_max << " leaves nothing to raise";
  rlimit low = mine;
  low.rlim_cur = 1024;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  std::unique_ptr<ServerProcess> server;
  try {
    server = std::make_unique<ServerProcess>();
  } catch (...) {
    setrlimit(RLIMIT_NOFILE, &mine);
    throw;
  }
  setrlimit(RLIMIT_NOFILE, &mine);  // the child inherited 1,024
  auto limits = read_file("/proc/" + std::to_string(server->pid()) + "/limits");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(limits, m, std::regex(R"(Max open files\s+(\d+)\s+(\d+))"))) << limits;
  EXPECT_EQ(m[1], m[2]) << limits;
  EXPECT_EQ(std::stoull(m[1]), mine.rlim_max);
}

}  // namespace
}  // namespace admit::test
