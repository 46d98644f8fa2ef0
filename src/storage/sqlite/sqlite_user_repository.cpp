#include "storage/sqlite/sqlite_user_repository.hpp"

namespace admit {
namespace {

constexpr const char* kColumns = "id, username, password_hash, role, disabled, created_at, updated_at";

User read_user(const SqliteQuery& q) {
  User u;
  u.id = q.text_at(0);
  u.username = q.text_at(1);
  u.password_hash = q.text_at(2);
  u.role = parse_account_role(q.text_at(3)).value_or(Role::kViewer);
  u.disabled = q.bool_at(4);
  u.created_at = q.time_at(5);
  u.updated_at = q.time_at(6);
  return u;
}

}  // namespace

std::optional<User> SqliteUserRepository::find(const std::string& id) {
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM users WHERE id = ?");
  q.bind(1, id);
  if (!q.next()) return std::nullopt;
  return read_user(q);
}

std::optional<User> SqliteUserRepository::find_by_username(const std::string& username) {
  // The column's NOCASE collation makes this comparison ignore ASCII case.
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM users WHERE username = ?");
  q.bind(1, username);
  if (!q.next()) return std::nullopt;
  return read_user(q);
}

std::vector<User> SqliteUserRepository::list() {
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM users ORDER BY username");
  std::vector<User> out;
  while (q.next())
    out.push_back(read_user(q));
  return out;
}

std::int64_t SqliteUserRepository::count() { return db_.query("SELECT count(*) FROM users").scalar(); }

std::int64_t SqliteUserRepository::count_active_admins() {
  return db_.query("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").scalar();
}

void SqliteUserRepository::insert(const User& u) {
  auto q = db_.query(
      "INSERT INTO users (id, username, password_hash, role, disabled, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(u.id, u.username, u.password_hash, std::string(to_string(u.role)), u.disabled, u.created_at, u.updated_at);
  q.run();
}

void SqliteUserRepository::update(const User& u) {
  auto q = db_.query(
      "UPDATE users SET username = ?, password_hash = ?, role = ?, disabled = ?, updated_at = ? WHERE id = ?");
  q.bind_all(u.username, u.password_hash, std::string(to_string(u.role)), u.disabled, u.updated_at, u.id);
  q.run();
}

bool SqliteUserRepository::remove(const std::string& id) {
  auto tokens = db_.query("DELETE FROM auth_tokens WHERE user_id = ?");
  tokens.bind(1, id);
  tokens.run();
  auto q = db_.query("DELETE FROM users WHERE id = ?");
  q.bind(1, id);
  q.run();
  return db_.changes() > 0;
}

}  // namespace admit
