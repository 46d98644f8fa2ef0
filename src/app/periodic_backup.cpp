#include "app/periodic_backup.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <regex>

#include "storage/sqlite/sqlite_backup.hpp"

namespace admit {
namespace {

const std::regex& backup_name() {
  static const std::regex pattern(R"(admit-\d{8}T\d{6}Z\.db)");
  return pattern;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

PeriodicBackup::PeriodicBackup(PeriodicBackupOptions options, BackupStatus& status)
    : options_(std::move(options)), status_(status) {}

PeriodicBackup::~PeriodicBackup() { stop(); }

std::string PeriodicBackup::file_name_at(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char name[40];
  std::strftime(name, sizeof name, "admit-%Y%m%dT%H%M%SZ.db", &utc);
  return name;
}

std::vector<std::filesystem::path> PeriodicBackup::list(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (entry.is_regular_file(ec) && std::regex_match(entry.path().filename().string(), backup_name())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void PeriodicBackup::start() {
  if (thread_.joinable()) return;
  std::error_code ec;
  std::filesystem::create_directories(options_.directory, ec);
  if (ec) spdlog::error("backup: cannot create {}: {}", options_.directory.string(), ec.message());
  spdlog::info("backup: every {} min into {}, keeping the newest {}", options_.interval.count(),
               options_.directory.string(), options_.keep);
  thread_ = std::thread([this] { loop(); });
}

void PeriodicBackup::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicBackup::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    run_once();
    lock.lock();
    wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
  }
}

std::filesystem::path PeriodicBackup::run_once() {
  auto started = std::chrono::system_clock::now();
  auto target = options_.directory / file_name_at(started);
  try {
    auto copy = backup_database(options_.database, target);
    auto elapsed = std::chrono::duration<double>(std::chrono::system_clock::now() - started).count();
    status_.last_bytes = copy.bytes;
    status_.last_duration_seconds = elapsed;
    status_.last_success_unix_seconds = unix_seconds(started);
    ++status_.successes;
    spdlog::info("backup: wrote {} ({} bytes in {:.2f} s)", target.string(), copy.bytes, elapsed);
    prune();
    return target;
  } catch (const std::exception& e) {
    status_.last_failure_unix_seconds = unix_seconds(started);
    ++status_.failures;
    spdlog::error("backup: {} failed: {}", target.string(), e.what());
    return {};
  }
}

void PeriodicBackup::prune() {
  auto files = list(options_.directory);
  if (options_.keep <= 0 || files.size() <= static_cast<std::size_t>(options_.keep)) return;
  auto excess = files.size() - static_cast<std::size_t>(options_.keep);
  for (std::size_t i = 0; i < excess; ++i) {
    std::error_code ec;
    std::filesystem::remove(files[i], ec);
    if (ec) {
      spdlog::warn("backup: cannot delete old backup {}: {}", files[i].string(), ec.message());
    } else {
      spdlog::info("backup: deleted old backup {}", files[i].string());
    }
  }
}

}  // namespace admit
