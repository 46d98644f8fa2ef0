#include "app/import_command.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <future>
#include <iterator>
#include <sstream>

#include "app/commands.hpp"
#include "app/sodium_random.hpp"
#include "app/system_clock.hpp"
#include "domain/object_id.hpp"
#include "domain/participant_import.hpp"
#include "import/participant_rows.hpp"
#include "import/sheet_reader.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/storage_error.hpp"

namespace admit {
namespace {

// Below this a bar would only flicker.
constexpr std::size_t kProgressBarRows = 2000;
constexpr std::size_t kErrorsShown = 10;

void draw_bar(std::size_t done, std::size_t total) {
  constexpr int kWidth = 40;
  int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\rimporting [%s] %3d%% %zu/%zu rows", bar.c_str(),
               total == 0 ? 100 : static_cast<int>(done * 100 / total), done, total);
  if (done == total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

void print_summary(const ImportReport& report, bool dry_run, std::size_t blank) {
  std::printf("%s%d created, %d failed", dry_run ? "dry run (nothing written): " : "", report.created, report.failed);
  if (report.registered) std::printf(", %d registered", *report.registered);
  if (blank > 0) std::printf(", %zu blank rows skipped", blank);
  std::printf("\n");
  for (std::size_t i = 0; i < report.errors.size() && i < kErrorsShown; ++i) {
    const auto& e = report.errors[i];
    std::printf("  row %d (%s): %s\n", e.row, e.email.c_str(), e.error.c_str());
  }
  if (report.errors.size() > kErrorsShown) std::printf("  ... and %zu more\n", report.errors.size() - kErrorsShown);
}

}  // namespace

int run_import_participants(const Config& config, const ImportCommand& command) {
  if (command.session_id && !is_object_id(*command.session_id)) {
    spdlog::error("--session must be a session id (24 hex digits), not \"{}\"", *command.session_id);
    return kExitConfig;
  }
  auto bytes = read_file(command.file);
  if (!bytes) {
    spdlog::error("cannot read {}", command.file.string());
    return kExitFailure;
  }
  // A local file has no upload limit; the zip-bomb guard still applies.
  auto table = read_sheet(*bytes, "", command.file.filename().string());
  if (!table) {
    spdlog::error("{}: {}", command.file.string(), table.error().message);
    return kExitFailure;
  }
  bytes.reset();
  ParticipantRows rows = participant_rows(*table);
  table.value().rows.clear();

  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  try {
    SystemClock clock;
    SodiumRandom random;
    ObjectIdGenerator ids(clock, random);
    QrCodeGenerator qr_codes(random);
    ParticipantService participants(ids, qr_codes);
    RegistrationService registrations(ids);
    ParticipantImportService importer(participants, registrations);
    SqliteDatabase db(SqliteOptions{config.database_file(), 1, 1, nullptr});

    ParticipantImportService::Progress progress;
    if (::isatty(STDERR_FILENO) && rows.rows.size() >= kProgressBarRows) progress = draw_bar;
    const TimePoint now = clock.now();
    std::optional<Result<ImportReport>> outcome;
    std::promise<std::exception_ptr> finished;
    // One job, one transaction: the import happens completely or not at all. A dry run rolls its
    // job back (a failed Result) after doing all the work.
    db.write(StorageJob{[&](UnitOfWork& uow) {
                          outcome.emplace(
                              importer.import_rows(uow, rows.rows, rows.rejected, command.session_id, now, progress));
                          return outcome->ok() && !command.dry_run;
                        },
                        [&](std::exception_ptr e) { finished.set_value(e); }});
    auto failure = finished.get_future().get();
    db.shutdown();
    if (failure) std::rethrow_exception(failure);
    if (!outcome->ok()) {
      spdlog::error("{}", outcome->error().message);
      return kExitFailure;
    }
    print_summary(outcome->value(), command.dry_run, rows.blank);
    return kExitOk;
  } catch (const std::exception& e) {
    spdlog::critical("import into {} failed, nothing was imported: {}", config.database_file().string(), e.what());
    return kExitData;
  }
}

}  // namespace admit
