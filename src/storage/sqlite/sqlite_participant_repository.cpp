#include "storage/sqlite/sqlite_participant_repository.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "storage/sqlite/sql_conditions.hpp"

namespace admit {
namespace {

constexpr const char* kColumns =
    "p.id, p.name, p.email, p.organization, p.phone, p.qr_code, p.is_active, p.status, p.ambassador_points, "
    "p.referred_participant_ids, p.travel_grant_applied, p.travel_grant_approved, p.travel_grant_applied_at, "
    "p.travel_grant_decided_at, p.notes, p.created_at, p.updated_at";

std::vector<std::string> parse_ids(const std::string& text) {
  std::vector<std::string> ids;
  if (text == "[]") return ids;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return ids;
  for (const auto& id : json) {
    if (id.is_string()) ids.push_back(id.get<std::string>());
  }
  return ids;
}

std::string format_ids(const std::vector<std::string>& ids) { return nlohmann::json(ids).dump(); }

Participant read_participant(const SqliteQuery& q) {
  Participant p;
  p.id = q.text_at(0);
  p.name = q.text_at(1);
  p.email = q.text_at(2);
  p.organization = q.opt_text_at(3);
  p.phone = q.opt_text_at(4);
  p.qr_code = q.text_at(5);
  p.is_active = q.bool_at(6);
  p.status = parse_participant_status(q.text_at(7)).value_or(ParticipantStatus::kRegular);
  p.ambassador_points = q.int_at(8);
  p.referred_participant_ids = parse_ids(q.text_at(9));
  p.travel_grant_applied = q.bool_at(10);
  p.travel_grant_approved = q.opt_bool_at(11);
  p.travel_grant_applied_at = q.opt_time_at(12);
  p.travel_grant_decided_at = q.opt_time_at(13);
  p.notes = q.opt_text_at(14);
  p.created_at = q.time_at(15);
  p.updated_at = q.time_at(16);
  return p;
}

std::vector<Participant> read_all(SqliteQuery& q) {
  std::vector<Participant> out;
  while (q.next())
    out.push_back(read_participant(q));
  return out;
}

const std::map<std::string, std::string, std::less<>> kSortColumns{
    {"createdAt", "p.created_at"},
    {"updatedAt", "p.updated_at"},
    {"_id", "p.id"},
    {"name", "p.name"},
    {"email", "p.email"},
    {"organization", "p.organization"},
    {"status", "p.status"},
    {"qrCode", "p.qr_code"},
    {"ambassadorPoints", "p.ambassador_points"},
    {"travelGrantAppliedAt", "p.travel_grant_applied_at"},
    {"travelGrantApproved", "p.travel_grant_approved"},
};

}  // namespace

std::optional<Participant> SqliteParticipantRepository::find_one(const std::string& column, const std::string& value) {
  // One cached text per column, so that the hot lookups do not build their SQL every time.
  static const std::map<std::string, std::string, std::less<>> kByColumn = [] {
    std::map<std::string, std::string, std::less<>> out;
    for (const char* c : {"id", "qr_code", "email"}) {
      out[c] = std::string("SELECT ") + kColumns + " FROM participants p WHERE p." + c + " = ?";
    }
    return out;
  }();
  auto q = db_.query(kByColumn.at(column));
  q.bind(1, value);
  if (!q.next()) return std::nullopt;
  return read_participant(q);
}

std::optional<Participant> SqliteParticipantRepository::find(const std::string& id) { return find_one("id", id); }

std::optional<Participant> SqliteParticipantRepository::find_by_qr(const std::string& qr_code) {
  return find_one("qr_code", qr_code);
}

std::optional<Participant> SqliteParticipantRepository::find_by_email(const std::string& email) {
  return find_one("email", email);
}

std::vector<Participant> SqliteParticipantRepository::find_many(const std::vector<std::string>& ids) {
  std::vector<Participant> out;
  for (const auto& id : ids) {
    if (auto p = find(id)) out.push_back(std::move(*p));
  }
  return out;
}

SqlConditions SqliteParticipantRepository::conditions(const ParticipantFilter& filter) const {
  SqlConditions where;
  if (filter.status) where.add("p.status = ?", std::string(to_string(*filter.status)));
  if (filter.is_active) where.add("p.is_active = ?", std::int64_t{*filter.is_active ? 1 : 0});
  if (filter.travel_grant_applied) {
    where.add("p.travel_grant_applied = ?", std::int64_t{*filter.travel_grant_applied ? 1 : 0});
  }
  if (filter.travel_grant_approved) {
    where.add("p.travel_grant_approved = ?", std::int64_t{*filter.travel_grant_approved ? 1 : 0});
  }
  if (filter.travel_grant_undecided) where.add("p.travel_grant_approved IS NULL");
  if (filter.organization) where.add_search({"p.organization"}, *filter.organization);
  return where;
}

std::vector<Participant> SqliteParticipantRepository::select_all(const SqlConditions& where,
                                                                 std::string_view order_by) {
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM participants p" + where.where() + " ORDER BY " +
                     std::string(order_by));
  where.bind(q);
  return read_all(q);
}

Page<Participant> SqliteParticipantRepository::list(const ParticipantFilter& filter, const PageRequest& page) {
  SqlConditions where = conditions(filter);
  if (page.search) where.add_search({"p.name", "p.email", "p.organization"}, *page.search);

  Page<Participant> result;
  {
    auto q = db_.query("SELECT count(*) FROM participants p" + where.where());
    where.bind(q);
    result.total = q.scalar();
  }
  auto it = kSortColumns.find(page.sort_by);
  std::string column = it == kSortColumns.end() ? "p.created_at" : it->second;
  auto q = db_.query(std::string("SELECT ") + kColumns + " FROM participants p" + where.where() +
                     order_and_page(column, page));
  int next = where.bind(q);
  q.bind(next, page.limit).bind(next + 1, page.offset());
  result.items = read_all(q);
  return result;
}

std::vector<Participant> SqliteParticipantRepository::registered_for(const std::string& session_id) {
  auto q = db_.query(std::string("SELECT ") + kColumns +
                     " FROM registrations r JOIN participants p ON p.id = r.participant_id"
                     " WHERE r.session_id = ? ORDER BY r.created_at DESC, r.id DESC");
  q.bind(1, session_id);
  return read_all(q);
}

ParticipantStats SqliteParticipantRepository::stats() {
  auto q = db_.query(
      "SELECT count(*), coalesce(sum(is_active), 0), coalesce(sum(status = 'ambassador'), 0), "
      "coalesce(sum(status = 'travel_grant'), 0) FROM participants");
  ParticipantStats stats;
  if (q.next()) {
    stats.total = q.int64_at(0);
    stats.active = q.int64_at(1);
    stats.ambassadors = q.int64_at(2);
    stats.travel_grant = q.int64_at(3);
  }
  return stats;
}

bool SqliteParticipantRepository::qr_code_taken(const std::string& qr_code) {
  auto q = db_.query("SELECT count(*) FROM participants WHERE qr_code = ?");
  q.bind(1, qr_code);
  return q.scalar() > 0;
}

void SqliteParticipantRepository::insert(const Participant& p) {
  auto q = db_.query(
      "INSERT INTO participants (id, name, email, organization, phone, qr_code, is_active, status, "
      "ambassador_points, referred_participant_ids, travel_grant_applied, travel_grant_approved, "
      "travel_grant_applied_at, travel_grant_decided_at, notes, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(p.id, p.name, p.email, p.organization, p.phone, p.qr_code, p.is_active, std::string(to_string(p.status)),
             p.ambassador_points, format_ids(p.referred_participant_ids), p.travel_grant_applied,
             p.travel_grant_approved, p.travel_grant_applied_at, p.travel_grant_decided_at, p.notes, p.created_at,
             p.updated_at);
  q.run();
}

void SqliteParticipantRepository::update(const Participant& p) {
  auto q = db_.query(
      "UPDATE participants SET name = ?, email = ?, organization = ?, phone = ?, qr_code = ?, is_active = ?, "
      "status = ?, ambassador_points = ?, referred_participant_ids = ?, travel_grant_applied = ?, "
      "travel_grant_approved = ?, travel_grant_applied_at = ?, travel_grant_decided_at = ?, notes = ?, "
      "updated_at = ? WHERE id = ?");
  q.bind_all(p.name, p.email, p.organization, p.phone, p.qr_code, p.is_active, std::string(to_string(p.status)),
             p.ambassador_points, format_ids(p.referred_participant_ids), p.travel_grant_applied,
             p.travel_grant_approved, p.travel_grant_applied_at, p.travel_grant_decided_at, p.notes, p.updated_at,
             p.id);
  q.run();
}

bool SqliteParticipantRepository::remove(const std::string& id) {
  auto q = db_.query("DELETE FROM participants WHERE id = ?");
  q.bind(1, id).run();
  return db_.changes() > 0;
}

std::vector<std::string> SqliteParticipantRepository::remove_referrals_to(const std::string& id, TimePoint now) {
  std::vector<std::string> changed;
  {
    auto q = db_.query(
        "SELECT p.id FROM participants p WHERE EXISTS "
        "(SELECT 1 FROM json_each(p.referred_participant_ids) j WHERE j.value = ?)");
    q.bind(1, id);
    while (q.next())
      changed.push_back(q.text_at(0));
  }
  for (const auto& ambassador_id : changed) {
    auto p = find(ambassador_id);
    if (!p) continue;
    std::erase(p->referred_participant_ids, id);
    p->updated_at = now;
    update(*p);
  }
  return changed;
}

std::vector<Participant> SqliteParticipantRepository::leaderboard(int limit) {
  auto q = db_.query(std::string("SELECT ") + kColumns +
                     " FROM participants p WHERE p.status = 'ambassador'"
                     " ORDER BY p.ambassador_points DESC, p.created_at ASC, p.id ASC LIMIT ?");
  q.bind(1, limit);
  return read_all(q);
}

std::vector<Participant> SqliteParticipantRepository::ambassadors() {
  ParticipantFilter filter;
  filter.status = ParticipantStatus::kAmbassador;
  return select_all(conditions(filter), "p.name ASC, p.id ASC");
}

std::vector<Participant> SqliteParticipantRepository::travel_grant_participants() {
  ParticipantFilter filter;
  filter.status = ParticipantStatus::kTravelGrant;
  return select_all(conditions(filter), "p.created_at DESC, p.id DESC");
}

std::vector<Participant> SqliteParticipantRepository::travel_grant_applications(
    std::optional<bool> approved, const std::optional<std::string>& organization) {
  ParticipantFilter filter;
  filter.travel_grant_applied = true;
  filter.travel_grant_approved = approved;
  filter.organization = organization;
  return select_all(conditions(filter), "p.travel_grant_applied_at DESC, p.id DESC");
}

TravelGrantStats SqliteParticipantRepository::travel_grant_stats() {
  auto q = db_.query(
      "SELECT count(*), coalesce(sum(travel_grant_approved = 1), 0), coalesce(sum(travel_grant_approved = 0), 0) "
      "FROM participants WHERE travel_grant_applied = 1");
  TravelGrantStats stats;
  if (q.next()) {
    stats.total = q.int64_at(0);
    stats.approved = q.int64_at(1);
    stats.rejected = q.int64_at(2);
    stats.pending = stats.total - stats.approved - stats.rejected;
  }
  return stats;
}

std::vector<Participant> SqliteParticipantRepository::referred_by(const std::string& ambassador_id) {
  auto q = db_.query(std::string("SELECT ") + kColumns +
                     " FROM participants a, json_each(a.referred_participant_ids) j"
                     " JOIN participants p ON p.id = j.value WHERE a.id = ? ORDER BY j.key");
  q.bind(1, ambassador_id);
  return read_all(q);
}

std::vector<std::string> SqliteParticipantRepository::organization_members(const std::string& organization,
                                                                           const std::string& exclude_id) {
  // lower(trim(...)) is the expression of the index participants_organization_key (migration 2).
  auto q = db_.query(
      "SELECT p.id FROM participants p WHERE lower(trim(p.organization)) = lower(trim(?)) "
      "AND p.status != 'ambassador' AND p.id != ? ORDER BY p.created_at, p.id");
  q.bind_all(organization, exclude_id);
  std::vector<std::string> ids;
  while (q.next())
    ids.push_back(q.text_at(0));
  return ids;
}

Page<Participant> SqliteParticipantRepository::organization_peers(const std::string& organization,
                                                                  const std::string& exclude_id, int limit) {
  // The same expression as organization_members, for participants_organization_key.
  static const std::string kWhere =
      " FROM participants p WHERE lower(trim(p.organization)) = lower(trim(?)) AND p.id != ?";
  Page<Participant> result;
  {
    auto q = db_.query("SELECT count(*)" + kWhere);
    q.bind_all(organization, exclude_id);
    result.total = q.scalar();
  }
  auto q = db_.query(std::string("SELECT ") + kColumns + kWhere + " ORDER BY p.created_at, p.id LIMIT ?");
  q.bind_all(organization, exclude_id);
  q.bind(3, limit);
  result.items = read_all(q);
  return result;
}

}  // namespace admit
