#include "storage/sqlite/sqlite_idempotency_repository.hpp"

namespace admit {

std::optional<IdempotencyRecord> SqliteIdempotencyRepository::find(const std::string& scope, const std::string& key) {
  auto q = db_.query(
      "SELECT fingerprint, status, headers, body, created_at FROM idempotency_keys WHERE scope = ? AND key = ?");
  q.bind_all(scope, key);
  if (!q.next()) return std::nullopt;
  IdempotencyRecord r;
  r.scope = scope;
  r.key = key;
  r.fingerprint = q.text_at(0);
  r.status = q.int_at(1);
  r.headers = q.text_at(2);
  r.body = q.text_at(3);
  r.created_at = q.time_at(4);
  return r;
}

void SqliteIdempotencyRepository::save(const IdempotencyRecord& r) {
  auto q = db_.query(
      "INSERT INTO idempotency_keys (scope, key, fingerprint, status, headers, body, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, "
      "status = excluded.status, headers = excluded.headers, body = excluded.body, created_at = excluded.created_at");
  q.bind_all(r.scope, r.key, r.fingerprint, r.status, r.headers, r.body, r.created_at);
  q.run();
}

int SqliteIdempotencyRepository::purge_before(TimePoint cutoff) {
  auto q = db_.query("DELETE FROM idempotency_keys WHERE created_at < ?");
  q.bind_all(cutoff);
  q.run();
  return static_cast<int>(db_.changes());
}

}  // namespace admit
