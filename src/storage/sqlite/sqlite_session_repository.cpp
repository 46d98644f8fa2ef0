#include "storage/sqlite/sqlite_session_repository.hpp"

#include <map>

#include "storage/sqlite/sql_conditions.hpp"

namespace admit {
namespace {

constexpr const char* kColumns =
    "id, name, description, start_time, end_time, location, is_open, status, capacity, capacity_enforced, "
    "requires_registration, check_ins_count, day, auto_open_minutes_before, auto_end_grace_minutes, "
    "late_threshold_minutes, created_at, updated_at";

Session read_session(const SqliteQuery& q) {
  Session s;
  s.id = q.text_at(0);
  s.name = q.text_at(1);
  s.description = q.opt_text_at(2);
  s.start_time = q.time_at(3);
  s.end_time = q.time_at(4);
  s.location = q.opt_text_at(5);
  s.is_open = q.bool_at(6);
  s.status = parse_session_status(q.text_at(7)).value_or(SessionStatus::kScheduled);
  s.capacity = q.int_at(8);
  s.capacity_enforced = q.bool_at(9);
  s.requires_registration = q.bool_at(10);
  s.check_ins_count = q.int_at(11);
  s.day = q.int_at(12);
  s.auto_open_minutes_before = q.opt_int_at(13);
  s.auto_end_grace_minutes = q.opt_int_at(14);
  s.late_threshold_minutes = q.opt_int_at(15);
  s.created_at = q.time_at(16);
  s.updated_at = q.time_at(17);
  return s;
}

std::vector<Session> read_all(SqliteQuery& q) {
  std::vector<Session> out;
  while (q.next())
    out.push_back(read_session(q));
  return out;
}

const std::map<std::string, std::string, std::less<>> kSortColumns{
    {"createdAt", "created_at"},
    {"updatedAt", "updated_at"},
    {"_id", "id"},
    {"name", "name"},
    {"startTime", "start_time"},
    {"endTime", "end_time"},
    {"day", "day"},
    {"capacity", "capacity"},
    {"checkInsCount", "check_ins_count"},
    {"status", "status"},
    {"location", "location"},
};

}  // namespace

std::optional<Session> SqliteSessionRepository::find(const std::string& id) {
  static const std::string kSql = std::string("SELECT ") + kColumns + " FROM sessions WHERE id = ?";
  auto q = db_.query(kSql);
  q.bind(1, id);
  if (!q.next()) return std::nullopt;
  return read_session(q);
}

Page<Session> SqliteSessionRepository::list(const SessionFilter& filter, const PageRequest& page) {
  SqlConditions where;
  if (filter.is_open) where.add("is_open = ?", std::int64_t{*filter.is_open ? 1 : 0});
  if (filter.status) where.add("status = ?", std::string(to_string(*filter.status)));
  if (filter.day) where.add("day = ?", std::int64_t{*filter.day});
  if (filter.start_after) where.add("start_time >= ?", to_unix_ms(*filter.start_after));
  if (filter.start_before) where.add("start_time <= ?", to_unix_ms(*filter.start_before));
  if (filter.location) where.add_search({"location"}, *filter.location);
  if (page.search) where.add_search({"name", "description", "location"}, *page.search);

  Page<Session> result;
  {
    auto q = db_.query("SELECT count(*) FROM sessions" + where.where());
    where.bind(q);
    result.total = q.scalar();
  }
  auto it = kSortColumns.find(page.sort_by);
  std::string column = it == kSortColumns.end() ? "created_at" : it->second;
  auto q =
      db_.query(std::string("SELECT ") + kColumns + " FROM sessions" + where.where() + order_and_page(column, page));
  int next = where.bind(q);
  q.bind(next, page.limit).bind(next + 1, page.offset());
  result.items = read_all(q);
  return result;
}

std::vector<Session> SqliteSessionRepository::upcoming_open(TimePoint now, int limit) {
  auto q = db_.query(std::string("SELECT ") + kColumns +
                     " FROM sessions WHERE start_time >= ? AND is_open = 1 ORDER BY start_time ASC, id ASC LIMIT ?");
  q.bind(1, now).bind(2, limit > 0 ? std::int64_t{limit} : std::int64_t{-1});
  return read_all(q);
}

std::vector<Session> SqliteSessionRepository::schedulable() {
  auto q = db_.query(std::string("SELECT ") + kColumns +
                     " FROM sessions WHERE status IN ('scheduled', 'open') ORDER BY start_time, id");
  return read_all(q);
}

SessionStats SqliteSessionRepository::stats(TimePoint now) {
  auto q = db_.query(
      "SELECT count(*), coalesce(sum(is_open), 0), coalesce(sum(start_time > ?1), 0), "
      "coalesce(sum(end_time < ?1), 0) FROM sessions");
  q.bind(1, now);
  SessionStats stats;
  if (q.next()) {
    stats.total = q.int64_at(0);
    stats.open = q.int64_at(1);
    stats.upcoming = q.int64_at(2);
    stats.past = q.int64_at(3);
  }
  return stats;
}

std::vector<SessionSheetRow> SqliteSessionRepository::sheets(int limit) {
  // Counts are grouped once per table and joined, so the cost does not grow with a query per
  // session; the registrations and check-ins indexes lead with session_id.
  static const std::string kSql =
      std::string("SELECT ") + kColumns +
      ", coalesce(r.n, 0), coalesce(c.n, 0) FROM sessions"
      " LEFT JOIN (SELECT session_id, count(*) AS n FROM registrations GROUP BY session_id) r"
      " ON r.session_id = sessions.id"
      " LEFT JOIN (SELECT session_id, count(*) AS n FROM check_ins GROUP BY session_id) c ON c.session_id = sessions.id"
      " ORDER BY sessions.created_at DESC, sessions.id DESC LIMIT ?";
  auto q = db_.query(kSql);
  q.bind(1, limit);
  std::vector<SessionSheetRow> rows;
  while (q.next()) {
    SessionSheetRow row;
    row.session = read_session(q);
    row.registrations = q.int64_at(18);
    row.check_ins = q.int64_at(19);
    rows.push_back(std::move(row));
  }
  return rows;
}

void SqliteSessionRepository::insert(const Session& s) {
  auto q = db_.query(std::string("INSERT INTO sessions (") + kColumns +
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(s.id, s.name, s.description, s.start_time, s.end_time, s.location, s.is_open,
             std::string(to_string(s.status)), s.capacity, s.capacity_enforced, s.requires_registration,
             s.check_ins_count, s.day, s.auto_open_minutes_before, s.auto_end_grace_minutes, s.late_threshold_minutes,
             s.created_at, s.updated_at);
  q.run();
}

void SqliteSessionRepository::update(const Session& s) {
  auto q = db_.query(
      "UPDATE sessions SET name = ?, description = ?, start_time = ?, end_time = ?, location = ?, is_open = ?, "
      "status = ?, capacity = ?, capacity_enforced = ?, requires_registration = ?, check_ins_count = ?, day = ?, "
      "auto_open_minutes_before = ?, auto_end_grace_minutes = ?, late_threshold_minutes = ?, updated_at = ? "
      "WHERE id = ?");
  q.bind_all(s.name, s.description, s.start_time, s.end_time, s.location, s.is_open, std::string(to_string(s.status)),
             s.capacity, s.capacity_enforced, s.requires_registration, s.check_ins_count, s.day,
             s.auto_open_minutes_before, s.auto_end_grace_minutes, s.late_threshold_minutes, s.updated_at, s.id);
  q.run();
}

bool SqliteSessionRepository::remove(const std::string& id) {
  auto q = db_.query("DELETE FROM sessions WHERE id = ?");
  q.bind(1, id).run();
  return db_.changes() > 0;
}

void SqliteSessionRepository::set_check_ins_count(const std::string& id, int count, TimePoint now) {
  auto q = db_.query("UPDATE sessions SET check_ins_count = ?, updated_at = ? WHERE id = ?");
  q.bind_all(count, now, id).run();
}

}  // namespace admit
