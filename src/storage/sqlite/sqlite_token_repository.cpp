#include "storage/sqlite/sqlite_token_repository.hpp"

#include "domain/role.hpp"

namespace admit {
namespace {

constexpr const char* kActive =
    "SELECT t.token_hash, t.user_id, u.username, u.role, t.csrf_token, t.expires_at "
    "FROM auth_tokens t JOIN users u ON u.id = t.user_id "
    "WHERE t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = 0";

ActiveToken read_active(const SqliteQuery& q) {
  ActiveToken t;
  t.token_hash = q.text_at(0);
  t.user_id = q.text_at(1);
  t.username = q.text_at(2);
  t.role = static_cast<int>(parse_account_role(q.text_at(3)).value_or(Role::kViewer));
  t.csrf_token = q.text_at(4);
  t.expires_at = q.time_at(5);
  return t;
}

}  // namespace

void SqliteTokenRepository::insert(const AuthToken& t) {
  auto q = db_.query(
      "INSERT INTO auth_tokens (token_hash, user_id, kind, csrf_token, created_at, expires_at, last_used_at, "
      "revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(t.token_hash, t.user_id, t.kind, t.csrf_token, t.created_at, t.expires_at, t.last_used_at, t.revoked_at);
  q.run();
}

std::vector<ActiveToken> SqliteTokenRepository::active(TimePoint now) {
  auto q = db_.query(kActive);
  q.bind(1, now);
  std::vector<ActiveToken> out;
  while (q.next())
    out.push_back(read_active(q));
  return out;
}

std::optional<ActiveToken> SqliteTokenRepository::find_active(const std::string& token_hash, TimePoint now) {
  auto q = db_.query(std::string(kActive) + " AND t.token_hash = ?");
  q.bind_all(now, token_hash);
  if (!q.next()) return std::nullopt;
  return read_active(q);
}

bool SqliteTokenRepository::revoke(const std::string& token_hash, TimePoint now) {
  auto q = db_.query("UPDATE auth_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL");
  q.bind_all(now, token_hash);
  q.run();
  return db_.changes() > 0;
}

std::int64_t SqliteTokenRepository::revoke_for_user(const std::string& user_id, TimePoint now) {
  auto q = db_.query("UPDATE auth_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL");
  q.bind_all(now, user_id);
  q.run();
  return db_.changes();
}

void SqliteTokenRepository::touch(const std::vector<std::pair<std::string, TimePoint>>& last_used) {
  for (const auto& [hash, when] : last_used) {
    auto q = db_.query("UPDATE auth_tokens SET last_used_at = ? WHERE token_hash = ?");
    q.bind_all(when, hash);
    q.run();
  }
}

std::int64_t SqliteTokenRepository::purge(TimePoint before) {
  auto q = db_.query("DELETE FROM auth_tokens WHERE expires_at < ? OR revoked_at < ?");
  q.bind_all(before, before);
  q.run();
  return db_.changes();
}

}  // namespace admit
