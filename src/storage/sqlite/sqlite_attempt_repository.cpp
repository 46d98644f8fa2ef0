#include "storage/sqlite/sqlite_attempt_repository.hpp"

#include <map>

#include "storage/sqlite/sql_conditions.hpp"

namespace admit {
namespace {

constexpr const char* kColumns =
    "id, participant_id, session_id, attempt_time, status, declined_by, reason, was_registered, created_at, "
    "updated_at";

CheckInAttempt read_attempt(const SqliteQuery& q) {
  CheckInAttempt a;
  a.id = q.text_at(0);
  a.participant_id = q.text_at(1);
  a.session_id = q.text_at(2);
  a.attempt_time = q.time_at(3);
  a.status = q.text_at(4);
  a.declined_by = q.opt_text_at(5);
  a.reason = q.opt_text_at(6);
  a.was_registered = q.bool_at(7);
  a.created_at = q.time_at(8);
  a.updated_at = q.time_at(9);
  return a;
}

const std::map<std::string, std::string, std::less<>> kSortColumns{
    {"createdAt", "created_at"},     {"updatedAt", "updated_at"}, {"_id", "id"},
    {"attemptTime", "attempt_time"}, {"status", "status"},        {"participantId", "participant_id"},
    {"sessionId", "session_id"},     {"failureReason", "reason"},
};

}  // namespace

Page<CheckInAttempt> SqliteAttemptRepository::list(const AttemptFilter& filter, const PageRequest& page) {
  SqlConditions where;
  if (filter.participant_id) where.add("participant_id = ?", *filter.participant_id);
  if (filter.session_id) where.add("session_id = ?", *filter.session_id);
  if (filter.status) where.add("status = ?", *filter.status);

  Page<CheckInAttempt> result;
  {
    auto q = db_.query("SELECT count(*) FROM checkin_attempts" + where.where());
    where.bind(q);
    result.total = q.scalar();
  }
  auto it = kSortColumns.find(page.sort_by);
  std::string column = it == kSortColumns.end() ? "created_at" : it->second;
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM checkin_attempts" + where.where() +
                     order_and_page(column, page));
  int next = where.bind(q);
  q.bind(next, page.limit).bind(next + 1, page.offset());
  while (q.next())
    result.items.push_back(read_attempt(q));
  return result;
}

AttemptStats SqliteAttemptRepository::stats(const std::optional<std::string>& session_id) {
  SqlConditions where;
  if (session_id) where.add("session_id = ?", *session_id);
  auto q = db_.query(
      "SELECT count(*), coalesce(sum(status = 'declined'), 0), coalesce(sum(status = 'failed'), 0) "
      "FROM checkin_attempts" +
      where.where());
  where.bind(q);
  AttemptStats stats;
  if (q.next()) {
    stats.total = q.int64_at(0);
    stats.declined = q.int64_at(1);
    stats.failed = q.int64_at(2);
  }
  return stats;
}

void SqliteAttemptRepository::insert(const CheckInAttempt& a) {
  auto q =
      db_.query(std::string("INSERT INTO checkin_attempts (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(a.id, a.participant_id, a.session_id, a.attempt_time, a.status, a.declined_by, a.reason, a.was_registered,
             a.created_at, a.updated_at);
  q.run();
}

}  // namespace admit
