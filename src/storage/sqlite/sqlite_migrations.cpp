#include "storage/sqlite/sqlite_migrations.hpp"

#include <sqlite3.h>

#include <array>
#include <string>
#include <string_view>

#include "storage/sqlite/sqlite_error.hpp"

namespace admit {
namespace {

struct Migration {
  int version;
  std::string_view sql;
};

// Append only: a migration that has shipped is never edited, a new one is added below it.
constexpr std::array kMigrations{
    Migration{1, R"sql(
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  location TEXT,
  is_open INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'scheduled',
  capacity INTEGER NOT NULL DEFAULT 0,
  capacity_enforced INTEGER NOT NULL DEFAULT 1,
  requires_registration INTEGER NOT NULL DEFAULT 0,
  check_ins_count INTEGER NOT NULL DEFAULT 0,
  day INTEGER NOT NULL DEFAULT 1,
  auto_open_minutes_before INTEGER,
  auto_end_grace_minutes INTEGER,
  late_threshold_minutes INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_start ON sessions(start_time);
CREATE INDEX sessions_status ON sessions(status, start_time);
CREATE INDEX sessions_created ON sessions(created_at, id);

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  organization TEXT,
  phone TEXT,
  qr_code TEXT NOT NULL UNIQUE,
  is_active INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'regular',
  ambassador_points INTEGER NOT NULL DEFAULT 0,
  referred_participant_ids TEXT NOT NULL DEFAULT '[]',
  travel_grant_applied INTEGER NOT NULL DEFAULT 0,
  travel_grant_approved INTEGER,
  travel_grant_applied_at INTEGER,
  travel_grant_decided_at INTEGER,
  notes TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX participants_created ON participants(created_at, id);
CREATE INDEX participants_status ON participants(status, is_active);
CREATE INDEX participants_points ON participants(ambassador_points);

CREATE TABLE registrations (
  id TEXT PRIMARY KEY,
  participant_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  registration_date INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  notes TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (participant_id, session_id)
) STRICT;
CREATE INDEX registrations_session ON registrations(session_id, status);
CREATE INDEX registrations_created ON registrations(created_at, id);

CREATE TABLE check_ins (
  id TEXT PRIMARY KEY,
  participant_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  check_in_time INTEGER NOT NULL,
  method TEXT NOT NULL DEFAULT 'manual',
  checked_in_by TEXT,
  notes TEXT,
  is_late INTEGER NOT NULL DEFAULT 0,
  badge TEXT NOT NULL DEFAULT 'accepted',
  was_registered INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (participant_id, session_id)
) STRICT;
CREATE INDEX check_ins_session_time ON check_ins(session_id, check_in_time);
CREATE INDEX check_ins_time ON check_ins(check_in_time);
CREATE INDEX check_ins_created ON check_ins(created_at, id);

CREATE TABLE checkin_attempts (
  id TEXT PRIMARY KEY,
  participant_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  attempt_time INTEGER NOT NULL,
  status TEXT NOT NULL,
  declined_by TEXT,
  reason TEXT,
  was_registered INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX attempts_session_time ON checkin_attempts(session_id, attempt_time);
CREATE INDEX attempts_participant_time ON checkin_attempts(participant_id, attempt_time);
CREATE INDEX attempts_created ON checkin_attempts(created_at, id);

CREATE TABLE app_settings (
  settings_id TEXT PRIMARY KEY,
  auto_open_minutes_before INTEGER NOT NULL,
  auto_end_enabled INTEGER NOT NULL,
  auto_end_grace_minutes INTEGER NOT NULL,
  late_threshold_minutes INTEGER NOT NULL,
  scheduler_interval_ms INTEGER NOT NULL
) STRICT;
)sql"},
    // Referral sync compares organizations exactly but ignoring case; the expression must match
    // the one in SqliteParticipantRepository::organization_members for the index to be used.
    Migration{2, R"sql(
CREATE INDEX participants_organization_key ON participants(lower(trim(organization)));
)sql"},
    // Accounts and their bearer tokens (access control). Only a hash of each token is stored.
    Migration{3, R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'staff', 'admin')),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);
)sql"},
    // Outcomes of requests sent with an Idempotency-Key, replayed to retries for 24 hours.
    Migration{4, R"sql(
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
)sql"},
};

int read_int_pragma(SqliteConnection& db, const std::string& pragma) {
  auto q = db.query("PRAGMA " + pragma);
  return static_cast<int>(q.scalar());
}

bool has_user_tables(SqliteConnection& db) {
  auto q = db.query("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return q.scalar() > 0;
}

}  // namespace

int latest_schema_version() { return kMigrations.back().version; }

int schema_version(SqliteConnection& db) {
  int application_id = read_int_pragma(db, "application_id");
  if (application_id == 0 && !has_user_tables(db)) return 0;
  if (application_id != kAdmitApplicationId) {
    throw SqliteError(SQLITE_NOTADB, "the file is an SQLite database of another application, not admit's");
  }
  int version = read_int_pragma(db, "user_version");
  if (version > latest_schema_version()) {
    throw SqliteError(SQLITE_MISMATCH, "the data was written by a newer admit (schema " + std::to_string(version) +
                                           ", this binary knows up to " + std::to_string(latest_schema_version()) +
                                           ")");
  }
  return version;
}

int migrate(SqliteConnection& db) {
  int current = schema_version(db);
  int applied = 0;
  for (const auto& migration : kMigrations) {
    if (migration.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(migration.sql);
      db.exec("PRAGMA application_id = " + std::to_string(kAdmitApplicationId));
      db.exec("PRAGMA user_version = " + std::to_string(migration.version));
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
    ++applied;
  }
  return applied;
}

}  // namespace admit
