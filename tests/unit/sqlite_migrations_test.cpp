#include "storage/sqlite/sqlite_migrations.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <string>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "unit_support.hpp"

namespace admit {
namespace {

std::string contents(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t pragma(SqliteConnection& db, const std::string& name) { return db.query("PRAGMA " + name).scalar(); }

// Runs `open` and returns the kind of StorageError it threw, or nothing if it did not throw one.
template <class F>
std::optional<StorageError::Kind> storage_error_of(F&& open, std::string* message = nullptr) {
  try {
    open();
  } catch (const StorageError& e) {
    if (message) *message = e.what();
    return e.kind();
  } catch (...) {
    return std::nullopt;
  }
  return std::nullopt;
}

class MigrationsTest : public ::testing::Test {
 protected:
  std::filesystem::path file() const { return dir_.file("data.db"); }

  void open_database() {
    SqliteOptions options;
    options.file = file();
    SqliteDatabase db(options);
  }

  TempDir dir_;
};

TEST_F(MigrationsTest, FreshFileIsMigratedAndMarked) {
  SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
  EXPECT_EQ(schema_version(db), 0);
  EXPECT_EQ(migrate(db), latest_schema_version());
  EXPECT_EQ(schema_version(db), latest_schema_version());
  EXPECT_EQ(pragma(db, "application_id"), kAdmitApplicationId);
  EXPECT_EQ(pragma(db, "user_version"), latest_schema_version());
  // Every table the repositories use exists.
  for (const char* table :
       {"sessions", "participants", "registrations", "check_ins", "checkin_attempts", "app_settings"}) {
    auto q = db.query("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    q.bind(1, table);
    EXPECT_EQ(q.scalar(), 1) << table;
  }
}

TEST_F(MigrationsTest, MigratingTwiceAppliesNothingTheSecondTime) {
  {
    SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
    ASSERT_EQ(migrate(db), latest_schema_version());
  }
  SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
  EXPECT_EQ(migrate(db), 0);
  EXPECT_EQ(schema_version(db), latest_schema_version());
}

TEST_F(MigrationsTest, AnEmptyFileIsANewDatabase) {
  std::ofstream(file()).close();
  ASSERT_TRUE(std::filesystem::exists(file()));
  SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
  EXPECT_EQ(migrate(db), latest_schema_version());
}

TEST_F(MigrationsTest, RefusesAForeignSqliteFile) {
  {
    SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine');");
  }
  const std::string before = contents(file());

  std::string message;
  EXPECT_EQ(storage_error_of(
                [&] {
                  SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
                  migrate(db);
                },
                &message),
            StorageError::Kind::kCorrupt);
  EXPECT_NE(message.find("another application"), std::string::npos) << message;
  EXPECT_EQ(storage_error_of([&] { open_database(); }), StorageError::Kind::kCorrupt);

  // Refused means untouched: not migrated, not even switched to WAL.
  EXPECT_TRUE(contents(file()) == before) << "the file was modified";
  EXPECT_FALSE(std::filesystem::exists(dir_.file("data.db-wal")));
  SqliteConnection db(file(), SqliteConnection::Mode::kReadOnly);
  EXPECT_EQ(pragma(db, "application_id"), 0);
  EXPECT_EQ(db.query("SELECT count(*) FROM notes").scalar(), 1);
}

TEST_F(MigrationsTest, RefusesAFileThatIsNotADatabase) {
  {
    std::ofstream out(file(), std::ios::binary);
    for (int i = 0; i < 100; ++i)
      out << "These are somebody's notes, not an SQLite database. Line " << i << "\n";
  }
  const std::string before = contents(file());
  EXPECT_EQ(storage_error_of([&] {
              SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
              migrate(db);
            }),
            StorageError::Kind::kCorrupt);
  EXPECT_EQ(storage_error_of([&] { open_database(); }), StorageError::Kind::kCorrupt);
  EXPECT_TRUE(contents(file()) == before) << "the file was modified";
}

TEST_F(MigrationsTest, RefusesDataFromANewerAdmit) {
  {
    SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
    migrate(db);
    db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
  }
  std::string message;
  EXPECT_EQ(storage_error_of(
                [&] {
                  SqliteConnection db(file(), SqliteConnection::Mode::kReadWrite);
                  migrate(db);
                },
                &message),
            StorageError::Kind::kCorrupt);
  EXPECT_NE(message.find("newer admit"), std::string::npos) << message;
  EXPECT_EQ(storage_error_of([&] { open_database(); }), StorageError::Kind::kCorrupt);
}

TEST_F(MigrationsTest, AdmitFileOpensAsADatabase) {
  open_database();  // creates and migrates
  SqliteConnection db(file(), SqliteConnection::Mode::kReadOnly);
  EXPECT_EQ(pragma(db, "application_id"), kAdmitApplicationId);
  auto q = db.query("PRAGMA journal_mode");
  ASSERT_TRUE(q.next());
  EXPECT_EQ(q.text_at(0), "wal");
}

TEST(SqliteErrorKinds, PrimaryCodesMapToKinds) {
  EXPECT_EQ(SqliteError(SQLITE_CONSTRAINT, "x").kind(), StorageError::Kind::kConflict);
  EXPECT_EQ(SqliteError(SQLITE_CONSTRAINT_UNIQUE, "x").kind(), StorageError::Kind::kConflict);
  EXPECT_EQ(SqliteError(SQLITE_FULL, "x").kind(), StorageError::Kind::kDiskFull);
  EXPECT_EQ(SqliteError(SQLITE_READONLY, "x").kind(), StorageError::Kind::kReadOnly);
  EXPECT_EQ(SqliteError(SQLITE_NOTADB, "x").kind(), StorageError::Kind::kCorrupt);
  EXPECT_EQ(SqliteError(SQLITE_CORRUPT, "x").kind(), StorageError::Kind::kCorrupt);
  EXPECT_EQ(SqliteError(SQLITE_MISMATCH, "x").kind(), StorageError::Kind::kCorrupt);
  EXPECT_EQ(SqliteError(SQLITE_CANTOPEN, "x").kind(), StorageError::Kind::kReadOnly);
  EXPECT_EQ(SqliteError(SQLITE_LOCKED, "x").kind(), StorageError::Kind::kBusy);
  EXPECT_EQ(SqliteError(SQLITE_BUSY, "x").kind(), StorageError::Kind::kBusy);
  EXPECT_EQ(SqliteError(SQLITE_ERROR, "x").kind(), StorageError::Kind::kOther);
  SqliteError unique(SQLITE_CONSTRAINT_UNIQUE, "x");
  EXPECT_EQ(unique.code(), SQLITE_CONSTRAINT_UNIQUE);
  EXPECT_EQ(unique.primary_code(), SQLITE_CONSTRAINT);
}

}  // namespace
}  // namespace admit
