#include "storage/sqlite/sqlite_unit_of_work.hpp"

namespace admit {

SqliteUnitOfWork::SqliteUnitOfWork(SqliteConnection& db)
    : db_(db),
      sessions_(db),
      participants_(db),
      registrations_(db),
      check_ins_(db),
      attempts_(db),
      settings_(db),
      users_(db),
      tokens_(db),
      idempotency_(db) {}

void SqliteUnitOfWork::wipe_all() {
  db_.exec(
      "DELETE FROM check_ins; DELETE FROM checkin_attempts; DELETE FROM registrations; "
      "DELETE FROM participants; DELETE FROM sessions; DELETE FROM idempotency_keys;");
}

}  // namespace admit
