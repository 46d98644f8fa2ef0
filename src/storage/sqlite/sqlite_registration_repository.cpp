#include "storage/sqlite/sqlite_registration_repository.hpp"

#include <map>

#include "storage/sqlite/sql_conditions.hpp"

namespace admit {
namespace {

constexpr const char* kColumns =
    "id, participant_id, session_id, registration_date, status, notes, created_at, updated_at";

Registration read_registration(const SqliteQuery& q) {
  Registration r;
  r.id = q.text_at(0);
  r.participant_id = q.text_at(1);
  r.session_id = q.text_at(2);
  r.registration_date = q.time_at(3);
  r.status = parse_registration_status(q.text_at(4)).value_or(RegistrationStatus::kPending);
  r.notes = q.opt_text_at(5);
  r.created_at = q.time_at(6);
  r.updated_at = q.time_at(7);
  return r;
}

const std::map<std::string, std::string, std::less<>> kSortColumns{
    {"createdAt", "created_at"},
    {"updatedAt", "updated_at"},
    {"_id", "id"},
    {"status", "status"},
    {"registeredAt", "registration_date"},
    {"registrationDate", "registration_date"},
    {"participantId", "participant_id"},
    {"sessionId", "session_id"},
};

}  // namespace

std::optional<Registration> SqliteRegistrationRepository::find(const std::string& id) {
  static const std::string kSql = std::string("SELECT ") + kColumns + " FROM registrations WHERE id = ?";
  auto q = db_.query(kSql);
  q.bind(1, id);
  if (!q.next()) return std::nullopt;
  return read_registration(q);
}

std::optional<Registration> SqliteRegistrationRepository::find_for(const std::string& participant_id,
                                                                   const std::string& session_id) {
  static const std::string kSql =
      std::string("SELECT ") + kColumns + " FROM registrations WHERE participant_id = ? AND session_id = ?";
  auto q = db_.query(kSql);
  q.bind_all(participant_id, session_id);
  if (!q.next()) return std::nullopt;
  return read_registration(q);
}

Page<Registration> SqliteRegistrationRepository::list(const RegistrationFilter& filter, const PageRequest& page) {
  SqlConditions where;
  if (filter.status) where.add("status = ?", std::string(to_string(*filter.status)));
  if (filter.participant_id) where.add("participant_id = ?", *filter.participant_id);
  if (filter.session_id) where.add("session_id = ?", *filter.session_id);

  Page<Registration> result;
  {
    auto q = db_.query("SELECT count(*) FROM registrations" + where.where());
    where.bind(q);
    result.total = q.scalar();
  }
  auto it = kSortColumns.find(page.sort_by);
  std::string column = it == kSortColumns.end() ? "created_at" : it->second;
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM registrations" + where.where() +
                     order_and_page(column, page));
  int next = where.bind(q);
  q.bind(next, page.limit).bind(next + 1, page.offset());
  while (q.next())
    result.items.push_back(read_registration(q));
  return result;
}

RegistrationStats SqliteRegistrationRepository::stats(TimePoint start_of_today) {
  auto q = db_.query(
      "SELECT count(*), coalesce(sum(status = 'confirmed'), 0), coalesce(sum(status = 'pending'), 0), "
      "coalesce(sum(status = 'cancelled'), 0), coalesce(sum(created_at >= ?), 0) FROM registrations");
  q.bind(1, start_of_today);
  RegistrationStats stats;
  if (q.next()) {
    stats.total = q.int64_at(0);
    stats.confirmed = q.int64_at(1);
    stats.pending = q.int64_at(2);
    stats.cancelled = q.int64_at(3);
    stats.today = q.int64_at(4);
  }
  return stats;
}

std::int64_t SqliteRegistrationRepository::count_for_session(const std::string& session_id) {
  auto q = db_.query("SELECT count(*) FROM registrations WHERE session_id = ?");
  q.bind(1, session_id);
  return q.scalar();
}

std::vector<RegistrationRow> SqliteRegistrationRepository::rows_for_session(const std::string& session_id) {
  auto q = db_.query(
      "SELECT p.name, p.email, p.organization, r.status, r.registration_date FROM registrations r"
      " LEFT JOIN participants p ON p.id = r.participant_id WHERE r.session_id = ?"
      " ORDER BY r.registration_date DESC, r.id DESC");
  q.bind(1, session_id);
  std::vector<RegistrationRow> rows;
  while (q.next()) {
    RegistrationRow row;
    row.participant_name = q.opt_text_at(0);
    row.participant_email = q.opt_text_at(1);
    row.participant_organization = q.opt_text_at(2);
    row.status = parse_registration_status(q.text_at(3)).value_or(RegistrationStatus::kPending);
    row.registration_date = q.time_at(4);
    rows.push_back(std::move(row));
  }
  return rows;
}

void SqliteRegistrationRepository::insert(const Registration& r) {
  auto q = db_.query(std::string("INSERT INTO registrations (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(r.id, r.participant_id, r.session_id, r.registration_date, std::string(to_string(r.status)), r.notes,
             r.created_at, r.updated_at);
  q.run();
}

void SqliteRegistrationRepository::update(const Registration& r) {
  auto q = db_.query("UPDATE registrations SET status = ?, notes = ?, updated_at = ? WHERE id = ?");
  q.bind_all(std::string(to_string(r.status)), r.notes, r.updated_at, r.id);
  q.run();
}

bool SqliteRegistrationRepository::remove(const std::string& id) {
  auto q = db_.query("DELETE FROM registrations WHERE id = ?");
  q.bind(1, id).run();
  return db_.changes() > 0;
}

}  // namespace admit
