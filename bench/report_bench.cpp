// The attendance report over 10,000 check-ins (target: at most 100 ms), measured in process on a
// real SQLite store: the JSON page, the query of every row that a download holds, and the full
// downloads (query + sheet + xlsx / CSV rendering). Run:
//   build/report_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>
#include <future>
#include <memory>
#include <optional>

#include "api/download.hpp"
#include "api/report_builder.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace admit {
namespace {

constexpr int kParticipants = 10000;
constexpr int kSessions = 20;

std::string object_id(int kind, int n) { return fmt::format("{:02x}{:022x}", kind, n); }

template <class F>
auto run(Database& db, F fn, bool write = false) -> std::invoke_result_t<F&, UnitOfWork&> {
  std::optional<std::invoke_result_t<F&, UnitOfWork&>> out;
  std::promise<void> done;
  StorageJob job{[&](UnitOfWork& uow) {
                   out.emplace(fn(uow));
                   return true;
                 },
                 [&](std::exception_ptr e) { e ? done.set_exception(e) : done.set_value(); }};
  write ? db.write(std::move(job)) : db.read(std::move(job));
  done.get_future().get();
  return std::move(*out);
}

// A store with 10,000 participants, 20 sessions and one check-in per participant (10,000).
class Store {
 public:
  Store() : dir_(std::filesystem::temp_directory_path() / fmt::format("admit-report-bench-{}", ::getpid())) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::make_unique<SqliteDatabase>(SqliteOptions{dir_ / "admit.db", 2, 512, nullptr});
    auto t0 = from_unix_ms(1768467600000);  // 2026-01-15T09:00:00Z
    run(
        *db_,
        [&](UnitOfWork& uow) {
          for (int s = 0; s < kSessions; ++s) {
            Session session;
            session.id = object_id(1, s);
            session.name = fmt::format("Session {}", s);
            session.start_time = t0;
            session.end_time = t0 + std::chrono::hours(1);
            session.location = "Hall";
            session.created_at = session.updated_at = t0;
            uow.sessions().insert(session);
          }
          for (int p = 0; p < kParticipants; ++p) {
            Participant participant;
            participant.id = object_id(2, p);
            participant.name = fmt::format("Participant Número {}", p);
            participant.email = fmt::format("p{}@example.org", p);
            participant.organization = fmt::format("Organisation, \"{}\"", p % 50);
            participant.qr_code = fmt::format("QR-{}", p);
            participant.created_at = participant.updated_at = t0;
            uow.participants().insert(participant);
            CheckIn check_in;
            check_in.id = object_id(3, p);
            check_in.participant_id = participant.id;
            check_in.session_id = object_id(1, p % kSessions);
            check_in.check_in_time = check_in.created_at = check_in.updated_at = t0 + std::chrono::seconds(p);
            check_in.method = p % 2 == 0 ? CheckInMethod::kQr : CheckInMethod::kManual;
            uow.check_ins().insert(check_in);
          }
          return true;
        },
        true);
  }
  ~Store() {
    db_->shutdown();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  Database& db() { return *db_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

Store& store() {
  static Store instance;
  return instance;
}

// GET /reports/attendance (JSON): one page of 10 and its total.
void BM_AttendanceJsonPage(benchmark::State& state) {
  auto& db = store().db();
  for (auto _ : state) {
    auto json = run(db, [](UnitOfWork& uow) {
      auto page = uow.check_ins().attendance(AttendanceFilter{}, PageRequest{});
      Json report = Json::array();
      for (const auto& row : page.items)
        report.push_back(attendance_row_json(row));
      return dump_json(Json{{"report", std::move(report)}, {"total", page.total}});
    });
    benchmark::DoNotOptimize(json);
  }
}

// The query of a download: all 10,000 rows joined with participants and sessions.
void BM_AttendanceAllRowsQuery(benchmark::State& state) {
  auto& db = store().db();
  for (auto _ : state) {
    auto rows = run(db, [](UnitOfWork& uow) { return all_attendance(uow, AttendanceFilter{}, PageRequest{}); });
    if (rows.size() != kParticipants) state.SkipWithError("wrong row count");
  }
}

void download(benchmark::State& state, FileFormat format) {
  auto& db = store().db();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto rows = run(db, [](UnitOfWork& uow) { return all_attendance(uow, AttendanceFilter{}, PageRequest{}); });
    auto file = render_download({attendance_table(rows)}, format, "attendance-report");
    bytes = file.bytes.size();
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

// GET /reports/attendance?format=excel: every row, as an .xlsx file.
void BM_AttendanceXlsx(benchmark::State& state) { download(state, FileFormat::kXlsx); }
// GET /reports/attendance?format=csv: every row, as CSV.
void BM_AttendanceCsv(benchmark::State& state) { download(state, FileFormat::kCsv); }

// GET /reports/sessions-sheets: 20 sessions with their counts in one query.
void BM_SessionsSheets(benchmark::State& state) {
  auto& db = store().db();
  for (auto _ : state) {
    auto rows = run(db, [](UnitOfWork& uow) { return uow.sessions().sheets(kSessionsSheetsLimit); });
    benchmark::DoNotOptimize(rows);
  }
}

BENCHMARK(BM_AttendanceJsonPage)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AttendanceAllRowsQuery)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AttendanceXlsx)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AttendanceCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SessionsSheets)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace admit

BENCHMARK_MAIN();
