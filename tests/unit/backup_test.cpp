// Online backup, the data-file check, periodic backup retention and the data directory lock.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "app/data_dir_lock.hpp"
#include "app/periodic_backup.hpp"
#include "storage/sqlite/sqlite_backup.hpp"
#include "storage/sqlite/sqlite_check.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

// One participant, one session counting one check-in, and that check-in: admit's invariant
// (counter = rows) holds after every transaction and nowhere in between.
void add_checked_in_session(SqliteConnection& db, int i) {
  auto n = std::to_string(i);
  db.exec("BEGIN IMMEDIATE");
  db.exec("INSERT INTO participants (id, name, email, qr_code, created_at, updated_at) VALUES ('p" + n + "', 'P" + n +
          "', 'p" + n + "@example.org', 'QR-" + n + "', 0, 0)");
  db.exec("INSERT INTO sessions (id, name, start_time, end_time, check_ins_count, created_at, updated_at) VALUES ('s" +
          n + "', 'S" + n + "', 0, 1, 0, 0, 0)");
  db.exec("INSERT INTO check_ins (id, participant_id, session_id, check_in_time, created_at, updated_at) VALUES ('c" +
          n + "', 'p" + n + "', 's" + n + "', 0, 0, 0)");
  db.exec("UPDATE sessions SET check_ins_count = 1 WHERE id = 's" + n + "'");
  db.exec("COMMIT");
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<SqliteConnection>(live(), SqliteConnection::Mode::kReadWrite);
    db_->exec("PRAGMA journal_mode = WAL");
    migrate(*db_);
  }

  std::filesystem::path live() const { return dir_.file("admit.db"); }

  TempDir dir_;
  std::unique_ptr<SqliteConnection> db_;
};

TEST_F(BackupTest, CopyOfALiveDatabaseIsOneSnapshotWhileTheWriterContinues) {
  for (int i = 0; i < 50; ++i)
    add_checked_in_session(*db_, i);
  std::atomic<bool> stop{false};
  std::atomic<int> written{50};
  // The writer keeps committing on its own connection during every backup.
  std::thread writer([&] {
    SqliteConnection w(live(), SqliteConnection::Mode::kReadWrite);
    for (int i = 50; !stop && i < 100000; ++i) {
      add_checked_in_session(w, i);
      written = i + 1;
    }
  });
  std::vector<std::int64_t> sizes;
  for (int round = 0; round < 5; ++round) {
    auto target = dir_.file("copy-" + std::to_string(round) + ".db");
    auto copy = backup_database(live(), target);
    EXPECT_GT(copy.bytes, 0U);
    EXPECT_FALSE(std::filesystem::exists(target.string() + "-wal"));
    auto report = check_database(target);
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_TRUE(report.warnings.empty()) << report.warnings.front();
    EXPECT_EQ(report.sessions, report.check_ins);
    EXPECT_EQ(report.sessions, report.participants);
    sizes.push_back(report.sessions);
  }
  stop = true;
  writer.join();
  EXPECT_GE(sizes.front(), 50);
  EXPECT_GT(written.load(), sizes.front()) << "the writer was not held up by the backups";
}

TEST_F(BackupTest, ACopyIsMarkedAsAdmitsAndSelfContained) {
  add_checked_in_session(*db_, 1);
  auto target = dir_.file("copy.db");
  backup_database(live(), target);
  SqliteConnection copy(target, SqliteConnection::Mode::kReadOnly);
  EXPECT_EQ(copy.query("PRAGMA application_id").scalar(), kAdmitApplicationId);
  EXPECT_EQ(copy.query("PRAGMA user_version").scalar(), latest_schema_version());
  auto mode = copy.query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.next());
  EXPECT_EQ(mode.text_at(0), "delete");
}

TEST_F(BackupTest, BackupRefusesAForeignSourceAndLeavesNoTemporaryFile) {
  auto foreign = dir_.file("other.db");
  {
    SqliteConnection other(foreign, SqliteConnection::Mode::kReadWrite);
    other.exec("CREATE TABLE notes (text TEXT)");
  }
  auto target = dir_.file("out") / "copy.db";
  std::filesystem::create_directories(target.parent_path());
  try {
    backup_database(foreign, target);
    FAIL() << "a foreign file was backed up";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.kind(), StorageError::Kind::kCorrupt);
    EXPECT_NE(std::string(e.what()).find("another application"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(std::filesystem::is_empty(target.parent_path()));
  EXPECT_THROW(backup_database(dir_.file("missing.db"), target), std::runtime_error);
}

TEST_F(BackupTest, CheckFindsDamageForeignFilesAndNonDatabases) {
  for (int i = 0; i < 200; ++i)
    add_checked_in_session(*db_, i);
  db_.reset();  // checkpoint and close
  auto healthy = check_database(live());
  EXPECT_TRUE(healthy.ok());
  EXPECT_EQ(healthy.integrity, "ok");
  EXPECT_EQ(healthy.application_id, kAdmitApplicationId);
  EXPECT_EQ(healthy.schema_version, latest_schema_version());
  EXPECT_EQ(healthy.check_ins, 200);

  auto size = std::filesystem::file_size(live());
  {
    std::fstream f(live(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    std::string garbage(4096, '\x5A');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto damaged = check_database(live());
  EXPECT_FALSE(damaged.ok());

  auto text = dir_.file("list.csv");
  std::ofstream(text) << "name,email\n";
  auto not_db = check_database(text);
  ASSERT_FALSE(not_db.ok());
  EXPECT_NE(not_db.problems.front().find("not an SQLite database"), std::string::npos);

  auto missing = check_database(dir_.file("nothing.db"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.problems.front().find("no data file"), std::string::npos);
}

TEST_F(BackupTest, CheckWarnsWhenACounterDisagreesWithItsRows) {
  add_checked_in_session(*db_, 1);
  db_->exec("UPDATE sessions SET check_ins_count = 3");
  auto report = check_database(live());
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(report.warnings.size(), 1U);
  EXPECT_EQ(report.warnings.front(), "session \"S1\" counts 3 check-ins but has 1 check-in rows");
}

TEST_F(BackupTest, PeriodicBackupKeepsTheNewestAndLeavesOtherFilesAlone) {
  auto dir = dir_.file("backups");
  std::filesystem::create_directories(dir);
  for (const char* name : {"admit-20250101T000000Z.db", "admit-20250102T000000Z.db", "admit-20250103T000000Z.db",
                           "admit-20250104T000000Z.db", "notes.txt", "admit-manual.db"}) {
    std::ofstream(dir / name) << "x";
  }
  BackupStatus status;
  PeriodicBackup backups(PeriodicBackupOptions{live(), dir, std::chrono::minutes(60), 3}, status);
  auto written = backups.run_once();
  ASSERT_FALSE(written.empty());
  EXPECT_EQ(status.successes, 1U);
  EXPECT_GT(status.last_success_unix_seconds, 1700000000);
  auto kept = PeriodicBackup::list(dir);
  ASSERT_EQ(kept.size(), 3U);
  EXPECT_EQ(kept[0].filename(), "admit-20250103T000000Z.db");
  EXPECT_EQ(kept[1].filename(), "admit-20250104T000000Z.db");
  EXPECT_EQ(kept[2], written);
  EXPECT_TRUE(std::filesystem::exists(dir / "notes.txt"));
  EXPECT_TRUE(std::filesystem::exists(dir / "admit-manual.db"));
}

TEST_F(BackupTest, PeriodicBackupCountsFailures) {
  BackupStatus status;
  PeriodicBackup backups(PeriodicBackupOptions{dir_.file("missing.db"), dir_.path(), std::chrono::minutes(1), 3},
                         status);
  EXPECT_TRUE(backups.run_once().empty());
  EXPECT_EQ(status.failures, 1U);
  EXPECT_EQ(status.last_success_unix_seconds, 0);
}

TEST(BackupNameTest, NamesSortByTimeInUtc) {
  auto t = std::chrono::system_clock::time_point(std::chrono::seconds(1768467600));  // 2026-01-15T09:00:00Z
  EXPECT_EQ(PeriodicBackup::file_name_at(t), "admit-20260115T090000Z.db");
}

TEST(DataDirLockTest, OneHolderAtATimeAndTheNextOneIsToldWho) {
  TempDir dir;
  std::string holder;
  auto first = DataDirLock::try_acquire(dir.path(), holder);
  ASSERT_TRUE(first.has_value());
  auto second = DataDirLock::try_acquire(dir.path(), holder);
  EXPECT_FALSE(second.has_value());
  EXPECT_EQ(holder, "admit process " + std::to_string(::getpid()));
  first.reset();
  auto third = DataDirLock::try_acquire(dir.path(), holder);
  EXPECT_TRUE(third.has_value());
}

}  // namespace
}  // namespace admit
