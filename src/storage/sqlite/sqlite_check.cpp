#include "storage/sqlite/sqlite_check.hpp"

#include <sqlite3.h>

#include <fstream>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_error.hpp"
#include "storage/sqlite/sqlite_migrations.hpp"

namespace admit {
namespace {

constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};
constexpr int kMaxIntegrityMessages = 5;

bool has_sqlite_header(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(kSqliteMagic.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  return in && head == kSqliteMagic;
}

std::int64_t count(SqliteConnection& db, const std::string& table) {
  return db.query("SELECT count(*) FROM " + table).scalar();
}

bool has_table(SqliteConnection& db, const std::string& table) {
  auto q = db.query("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
  q.bind(1, table);
  return q.scalar() > 0;
}

void check_contents(SqliteConnection& db, DatabaseReport& report) {
  for (auto [table, field] :
       {std::pair{"sessions", &DatabaseReport::sessions}, std::pair{"participants", &DatabaseReport::participants},
        std::pair{"registrations", &DatabaseReport::registrations},
        std::pair{"check_ins", &DatabaseReport::check_ins}}) {
    if (has_table(db, table)) report.*field = count(db, table);
  }
  if (!has_table(db, "sessions") || !has_table(db, "check_ins")) return;
  auto q = db.query(
      "SELECT s.name, s.check_ins_count, (SELECT count(*) FROM check_ins c WHERE c.session_id = s.id) AS n "
      "FROM sessions s WHERE s.check_ins_count <> n ORDER BY s.name LIMIT 20");
  while (q.next()) {
    report.warnings.push_back("session \"" + q.text_at(0) + "\" counts " + std::to_string(q.int64_at(1)) +
                              " check-ins but has " + std::to_string(q.int64_at(2)) + " check-in rows");
  }
  auto orphans = db.query(
      "SELECT count(*) FROM check_ins c WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = c.session_id) "
      "OR NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = c.participant_id)");
  if (auto n = orphans.scalar(); n > 0) {
    report.warnings.push_back(std::to_string(n) + " check-in rows name a session or participant that no longer exists");
  }
}

}  // namespace

DatabaseReport check_database(const std::filesystem::path& file) {
  DatabaseReport report;
  report.file = file;
  report.latest_schema_version = latest_schema_version();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    report.problems.push_back("no data file at " + file.string());
    return report;
  }
  report.bytes = std::filesystem::file_size(file, ec);
  auto wal = std::filesystem::path(file.string() + "-wal");
  if (std::filesystem::exists(wal, ec)) report.wal_bytes = std::filesystem::file_size(wal, ec);
  // An empty file is what SQLite creates before the first write: not damaged, just new.
  if (report.bytes > 0 && !has_sqlite_header(file)) {
    report.problems.push_back("not an SQLite database (the file does not start with the SQLite header)");
    return report;
  }
  try {
    SqliteConnection db(file, SqliteConnection::Mode::kReadOnly);
    report.application_id = static_cast<int>(db.query("PRAGMA application_id").scalar());
    report.schema_version = static_cast<int>(db.query("PRAGMA user_version").scalar());
    try {
      schema_version(db);
    } catch (const StorageError& e) {
      report.problems.push_back(e.what());
      return report;
    }
    {
      auto q = db.query("PRAGMA integrity_check(" + std::to_string(kMaxIntegrityMessages) + ")");
      std::string messages;
      while (q.next()) {
        if (!messages.empty()) messages += "; ";
        messages += q.text_at(0);
      }
      report.integrity = messages;
      if (messages != "ok") report.problems.push_back("integrity check failed: " + messages);
    }
    {
      auto q = db.query("PRAGMA foreign_key_check");
      while (q.next())
        ++report.foreign_key_violations;
      if (report.foreign_key_violations > 0) {
        report.problems.push_back(std::to_string(report.foreign_key_violations) + " foreign key violations");
      }
    }
    if (report.integrity == "ok") check_contents(db, report);
  } catch (const StorageError& e) {
    report.problems.push_back(e.what());
  }
  return report;
}

}  // namespace admit
