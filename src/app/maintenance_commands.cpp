#include "app/maintenance_commands.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

#include "app/commands.hpp"
#include "app/periodic_backup.hpp"
#include "storage/sqlite/sqlite_backup.hpp"
#include "storage/sqlite/sqlite_check.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"

namespace admit {
namespace {

std::string utc_stamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes < 10 * 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 10 * 1024 * 1024) return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024 * 1024));
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

void print_report(const DatabaseReport& r) {
  fmt::print("file          {} ({}{})\n", r.file.string(), size_text(r.bytes),
             r.wal_bytes > 0 ? ", write-ahead log " + size_text(r.wal_bytes) : std::string());
  if (r.application_id != 0 || r.schema_version != 0) {
    fmt::print("application   {}\n", r.application_id == kAdmitApplicationId
                                         ? std::string("admit")
                                         : fmt::format("not admit (application_id {:#x})", r.application_id));
    fmt::print(
        "schema        version {} (this admit writes {}){}\n", r.schema_version, r.latest_schema_version,
        r.schema_version < r.latest_schema_version && r.ok() ? "; `admit migrate` or `admit serve` upgrades it" : "");
  }
  if (!r.integrity.empty()) fmt::print("integrity     {}\n", r.integrity == "ok" ? "ok" : "FAILED");
  if (r.integrity == "ok") {
    fmt::print("foreign keys  {}\n", r.foreign_key_violations == 0
                                         ? std::string("ok")
                                         : fmt::format("{} violations", r.foreign_key_violations));
    fmt::print("contents      {} sessions, {} participants, {} registrations, {} check-ins\n", r.sessions,
               r.participants, r.registrations, r.check_ins);
  }
  for (const auto& w : r.warnings)
    fmt::print("warning       {}\n", w);
  for (const auto& p : r.problems)
    fmt::print("problem       {}\n", p);
  fmt::print("result        {}\n", r.ok() ? (r.warnings.empty() ? "OK" : "OK, with warnings") : "NOT USABLE");
}

// Makes the current data file self-contained (its write-ahead log folded in and removed), so that
// it can be moved aside as one file. False when it is not an admit database SQLite can open.
bool fold_write_ahead_log(const std::filesystem::path& file) {
  try {
    SqliteConnection db(file, SqliteConnection::Mode::kReadWrite);
    schema_version(db);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.exec("PRAGMA journal_mode = DELETE");
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("current data file {} cannot be opened ({}); moving its files aside as they are", file.string(),
                 e.what());
    return false;
  }
}

}  // namespace

int run_backup(const Config& config, const std::filesystem::path& file, bool force) {
  auto source = config.database_file();
  if (!std::filesystem::exists(source)) {
    spdlog::critical("no admit data in {} (looked for {})", config.data_dir.string(), source.string());
    return kExitData;
  }
  auto target = file;
  if (std::filesystem::is_directory(target)) target /= PeriodicBackup::file_name_at(std::chrono::system_clock::now());
  if (same_file(source, target)) {
    spdlog::critical("backup: {} is the live data file itself; choose another file", target.string());
    return kExitConfig;
  }
  if (std::filesystem::exists(target) && !force) {
    spdlog::critical("backup: {} already exists; use --force to replace it", target.string());
    return kExitFailure;
  }
  try {
    auto started = std::chrono::steady_clock::now();
    auto copy = backup_database(source, target);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fmt::print("backed up {} to {}: {} ({} pages) in {:.2f} s, integrity ok\n", source.string(), target.string(),
               size_text(copy.bytes), copy.pages, seconds);
    return kExitOk;
  } catch (const StorageError& e) {
    spdlog::critical("backup of {} to {} failed: {}", source.string(), target.string(), e.what());
    return e.kind() == StorageError::Kind::kDiskFull ? kExitFailure : kExitData;
  } catch (const std::exception& e) {
    spdlog::critical("backup of {} to {} failed: {}", source.string(), target.string(), e.what());
    return kExitFailure;
  }
}

int run_restore(const Config& config, const std::filesystem::path& file) {
  auto report = check_database(file);
  if (!report.ok()) {
    print_report(report);
    spdlog::critical("restore: {} is not a usable admit backup; nothing was changed", file.string());
    return kExitData;
  }
  if (!prepare_data_dir(config)) return kExitData;
  auto live = config.database_file();
  if (same_file(live, file)) {
    spdlog::critical("restore: {} is the live data file itself", file.string());
    return kExitConfig;
  }
  int refused = kExitOk;
  auto lock = lock_data_dir(config, "restore", "stop the server first (nothing was changed)", refused);
  if (!lock) return refused;

  std::error_code ec;
  std::filesystem::path kept;
  if (std::filesystem::exists(live)) {
    bool folded = fold_write_ahead_log(live);
    kept = config.data_dir / (live.filename().string() + ".before-restore-" + utc_stamp());
    std::filesystem::rename(live, kept, ec);
    if (ec) {
      spdlog::critical("restore: cannot move {} aside: {} (nothing was changed)", live.string(), ec.message());
      return kExitFailure;
    }
    for (const char* suffix : {"-wal", "-journal"}) {
      auto side = std::filesystem::path(live.string() + suffix);
      // Only an unreadable file still has a log of its own; it travels with it.
      if (!folded && std::filesystem::exists(side)) std::filesystem::rename(side, kept.string() + suffix, ec);
      std::filesystem::remove(side, ec);
    }
    std::filesystem::remove(live.string() + "-shm", ec);
  }
  try {
    backup_database(file, live);
  } catch (const std::exception& e) {
    spdlog::critical("restore from {} failed: {}", file.string(), e.what());
    if (!kept.empty()) {
      std::filesystem::rename(kept, live, ec);
      if (!ec) {
        if (std::filesystem::exists(kept.string() + "-wal"))
          std::filesystem::rename(kept.string() + "-wal", live.string() + "-wal", ec);
        spdlog::info("the previous data file is back in place");
      }
    }
    return kExitFailure;
  }
  sync_directory(config.data_dir);
  fmt::print("restored {} into {}: schema version {}, {} sessions, {} participants, {} check-ins\n", file.string(),
             live.string(), report.schema_version, report.sessions, report.participants, report.check_ins);
  if (!kept.empty()) fmt::print("the previous data file is kept as {}\n", kept.string());
  return kExitOk;
}

int run_check(const Config& config, const std::filesystem::path& file) {
  auto report = check_database(file.empty() ? config.database_file() : file);
  print_report(report);
  return report.ok() ? kExitOk : kExitData;
}

}  // namespace admit
