#include "storage/sqlite/sqlite_check_in_repository.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "storage/sqlite/sql_conditions.hpp"

namespace admit {
namespace {

constexpr const char* kColumns =
    "id, participant_id, session_id, check_in_time, method, checked_in_by, notes, is_late, badge, "
    "was_registered, created_at, updated_at";

CheckIn read_check_in(const SqliteQuery& q) {
  CheckIn c;
  c.id = q.text_at(0);
  c.participant_id = q.text_at(1);
  c.session_id = q.text_at(2);
  c.check_in_time = q.time_at(3);
  c.method = parse_check_in_method(q.text_at(4)).value_or(CheckInMethod::kManual);
  c.checked_in_by = q.opt_text_at(5);
  c.notes = q.opt_text_at(6);
  c.is_late = q.bool_at(7);
  c.badge = parse_check_in_badge(q.text_at(8)).value_or(CheckInBadge::kAccepted);
  c.was_registered = q.bool_at(9);
  c.created_at = q.time_at(10);
  c.updated_at = q.time_at(11);
  return c;
}

std::vector<CheckIn> read_all(SqliteQuery& q) {
  std::vector<CheckIn> out;
  while (q.next())
    out.push_back(read_check_in(q));
  return out;
}

const std::map<std::string, std::string, std::less<>> kSortColumns{
    {"createdAt", "created_at"},      {"updatedAt", "updated_at"}, {"_id", "id"},
    {"checkInTime", "check_in_time"}, {"method", "method"},        {"participantId", "participant_id"},
    {"sessionId", "session_id"},      {"isLate", "is_late"},
};

}  // namespace

std::optional<CheckIn> SqliteCheckInRepository::find(const std::string& id) {
  static const std::string kSql = std::string("SELECT ") + kColumns + " FROM check_ins WHERE id = ?";
  auto q = db_.query(kSql);
  q.bind(1, id);
  if (!q.next()) return std::nullopt;
  return read_check_in(q);
}

std::optional<CheckIn> SqliteCheckInRepository::find_for(const std::string& participant_id,
                                                         const std::string& session_id) {
  static const std::string kSql =
      std::string("SELECT ") + kColumns + " FROM check_ins WHERE participant_id = ? AND session_id = ?";
  auto q = db_.query(kSql);
  q.bind_all(participant_id, session_id);
  if (!q.next()) return std::nullopt;
  return read_check_in(q);
}

int SqliteCheckInRepository::count_for_session(const std::string& session_id) {
  auto q = db_.query("SELECT count(*) FROM check_ins WHERE session_id = ?");
  q.bind(1, session_id);
  return static_cast<int>(q.scalar());
}

Page<CheckIn> SqliteCheckInRepository::list(const CheckInFilter& filter, const PageRequest& page) {
  SqlConditions where;
  if (filter.method) where.add("method = ?", std::string(to_string(*filter.method)));
  if (filter.participant_id) where.add("participant_id = ?", *filter.participant_id);
  if (filter.session_id) where.add("session_id = ?", *filter.session_id);
  if (filter.after) where.add("check_in_time >= ?", to_unix_ms(*filter.after));
  if (filter.before) where.add("check_in_time <= ?", to_unix_ms(*filter.before));

  Page<CheckIn> result;
  {
    auto q = db_.query("SELECT count(*) FROM check_ins" + where.where());
    where.bind(q);
    result.total = q.scalar();
  }
  auto it = kSortColumns.find(page.sort_by);
  std::string column = it == kSortColumns.end() ? "created_at" : it->second;
  auto q =
      db_.query(std::string("SELECT ") + kColumns + " FROM check_ins" + where.where() + order_and_page(column, page));
  int next = where.bind(q);
  q.bind(next, page.limit).bind(next + 1, page.offset());
  result.items = read_all(q);
  return result;
}

std::vector<CheckIn> SqliteCheckInRepository::recent(const std::optional<std::string>& session_id, int limit) {
  SqlConditions where;
  if (session_id) where.add("session_id = ?", *session_id);
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM check_ins" + where.where() +
                     " ORDER BY check_in_time DESC, id DESC LIMIT ?");
  int next = where.bind(q);
  q.bind(next, limit > 0 ? std::int64_t{limit} : std::int64_t{-1});
  return read_all(q);
}

std::vector<CheckIn> SqliteCheckInRepository::for_session(const std::string& session_id) {
  auto q = db_.query(std::string("SELECT ") + kColumns +
                     " FROM check_ins WHERE session_id = ? ORDER BY check_in_time DESC, id DESC");
  q.bind(1, session_id);
  return read_all(q);
}

CheckInStats SqliteCheckInRepository::stats(const std::optional<std::string>& session_id) {
  SqlConditions where;
  if (session_id) where.add("session_id = ?", *session_id);
  auto q = db_.query(
      "SELECT count(*), coalesce(sum(method = 'qr'), 0), coalesce(sum(method = 'manual'), 0) "
      "FROM check_ins" +
      where.where());
  where.bind(q);
  CheckInStats stats;
  if (q.next()) {
    stats.total = q.int64_at(0);
    stats.qr = q.int64_at(1);
    stats.manual = q.int64_at(2);
  }
  return stats;
}

Page<AttendanceRow> SqliteCheckInRepository::attendance(const AttendanceFilter& filter, const PageRequest& page) {
  // One query with joins (LEFT: a check-in whose participant or session was deleted still counts).
  static const std::string kFrom =
      " FROM check_ins c LEFT JOIN participants p ON p.id = c.participant_id"
      " LEFT JOIN sessions s ON s.id = c.session_id";
  SqlConditions where;
  if (filter.session_id) where.add("c.session_id = ?", *filter.session_id);
  if (filter.after) where.add("c.check_in_time >= ?", to_unix_ms(*filter.after));
  if (filter.before) where.add("c.check_in_time <= ?", to_unix_ms(*filter.before));
  if (filter.organization) where.add("p.organization LIKE ? ESCAPE '\\'", like_contains(*filter.organization));

  Page<AttendanceRow> result;
  {
    auto q = db_.query("SELECT count(*)" + kFrom + where.where());
    where.bind(q);
    result.total = q.scalar();
  }
  auto it = kSortColumns.find(page.sort_by);
  std::string column = "c." + (it == kSortColumns.end() ? std::string("created_at") : it->second);
  std::string dir = page.descending ? " DESC" : " ASC";
  std::string sql = "SELECT p.name, p.email, p.organization, s.name, c.check_in_time, c.method" + kFrom +
                    where.where() + " ORDER BY " + column + dir + ", c.id" + dir;
  if (page.limit > 0) sql += " LIMIT ? OFFSET ?";
  auto q = db_.query(sql);
  int next = where.bind(q);
  if (page.limit > 0) q.bind(next, page.limit).bind(next + 1, page.offset());
  while (q.next()) {
    AttendanceRow row;
    row.participant_name = q.opt_text_at(0);
    row.participant_email = q.opt_text_at(1);
    row.participant_organization = q.opt_text_at(2);
    row.session_name = q.opt_text_at(3);
    row.check_in_time = q.time_at(4);
    row.method = parse_check_in_method(q.text_at(5)).value_or(CheckInMethod::kManual);
    result.items.push_back(std::move(row));
  }
  return result;
}

std::map<std::string, CheckInSummary> SqliteCheckInRepository::summaries(
    const std::vector<std::string>& participant_ids) {
  std::map<std::string, CheckInSummary> out;
  if (participant_ids.empty()) return out;
  // The ids as one JSON array parameter, so the statement text is the same for any count; the
  // UNIQUE (participant_id, session_id) index serves each lookup.
  static const std::string kSql =
      "SELECT participant_id, count(*), max(check_in_time) FROM check_ins "
      "WHERE participant_id IN (SELECT value FROM json_each(?)) GROUP BY participant_id";
  auto q = db_.query(kSql);
  q.bind(1, nlohmann::json(participant_ids).dump());
  while (q.next())
    out[q.text_at(0)] = CheckInSummary{q.int64_at(1), q.opt_time_at(2)};
  return out;
}

void SqliteCheckInRepository::insert(const CheckIn& c) {
  auto q =
      db_.query(std::string("INSERT INTO check_ins (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(c.id, c.participant_id, c.session_id, c.check_in_time, std::string(to_string(c.method)), c.checked_in_by,
             c.notes, c.is_late, std::string(to_string(c.badge)), c.was_registered, c.created_at, c.updated_at);
  q.run();
}

bool SqliteCheckInRepository::remove(const std::string& id) {
  auto q = db_.query("DELETE FROM check_ins WHERE id = ?");
  q.bind(1, id).run();
  return db_.changes() > 0;
}

}  // namespace admit
