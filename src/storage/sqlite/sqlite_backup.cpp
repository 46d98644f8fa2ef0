#include "storage/sqlite/sqlite_backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"

namespace admit {
namespace {

void sync_file(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + file.string() + " to sync it");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot sync " + file.string() + " to disk");
}

std::string integrity_of(SqliteConnection& db) {
  auto q = db.query("PRAGMA integrity_check");
  std::string first;
  if (q.next()) first = q.text_at(0);
  return first;
}

// Removes the temporary file (and any journal SQLite left beside it) unless released.
class TempFile {
 public:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (path_.empty()) return;
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  void release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

}  // namespace

void sync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

BackupCopy backup_database(const std::filesystem::path& source, const std::filesystem::path& target) {
  if (!std::filesystem::exists(source)) throw std::runtime_error("no data file at " + source.string());
  SqliteConnection from(source, SqliteConnection::Mode::kReadOnly);
  schema_version(from);  // refuses a foreign file or one from a newer admit

  auto dir = target.parent_path();
  TempFile temp(dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid())));
  BackupCopy copy;
  {
    SqliteConnection to(temp.path(), SqliteConnection::Mode::kReadWrite);
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (backup == nullptr) {
      throw SqliteError(sqlite3_extended_errcode(to.handle()),
                        std::string("cannot start the backup: ") + sqlite3_errmsg(to.handle()));
    }
    // All pages in one step: a single read transaction, hence a consistent snapshot. Stepping in
    // pieces would restart whenever the server commits in between.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
      rc = sqlite3_backup_step(backup, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      sqlite3_sleep(50);
    }
    copy.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      throw SqliteError(rc, std::string("backup of ") + source.string() + " failed: " + sqlite3_errstr(rc));
    }
    // A single file that opens anywhere, without a -wal beside it.
    to.exec("PRAGMA journal_mode = DELETE");
    std::string integrity = integrity_of(to);
    if (integrity != "ok")
      throw SqliteError(SQLITE_CORRUPT, "the backup copy failed its integrity check: " + integrity);
  }
  sync_file(temp.path());
  std::error_code ec;
  std::filesystem::rename(temp.path(), target, ec);
  if (ec) throw std::runtime_error("cannot move the backup to " + target.string() + ": " + ec.message());
  temp.release();
  sync_directory(dir);
  copy.bytes = std::filesystem::file_size(target);
  return copy;
}

}  // namespace admit
