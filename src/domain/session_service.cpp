#include "domain/session_service.hpp"

#include "domain/domain_event.hpp"

namespace admit {
namespace {

std::optional<Error> check_times(const Session& s) {
  if (s.end_time <= s.start_time) return Error::rule("endTime", "End time must be after start time");
  return std::nullopt;
}

void apply(Session& s, const SessionFields& f) {
  if (f.name) s.name = *f.name;
  if (f.description) s.description = *f.description;
  if (f.start_time) s.start_time = *f.start_time;
  if (f.end_time) s.end_time = *f.end_time;
  if (f.location) s.location = *f.location;
  if (f.capacity) s.capacity = *f.capacity;
  if (f.capacity_enforced) s.capacity_enforced = *f.capacity_enforced;
  if (f.requires_registration) s.requires_registration = *f.requires_registration;
  if (f.day) s.day = *f.day;
  if (f.auto_open_minutes_before) s.auto_open_minutes_before = *f.auto_open_minutes_before;
  if (f.auto_end_grace_minutes) s.auto_end_grace_minutes = *f.auto_end_grace_minutes;
  if (f.late_threshold_minutes) s.late_threshold_minutes = *f.late_threshold_minutes;
}

Session new_session(std::string id, const SessionFields& fields, TimePoint now) {
  Session s;
  s.id = std::move(id);
  apply(s, fields);
  s.is_open = fields.is_open.value_or(false);
  s.status = s.is_open ? SessionStatus::kOpen : SessionStatus::kScheduled;
  s.created_at = now;
  s.updated_at = now;
  return s;
}

}  // namespace

Error session_not_found(const std::string& id) { return Error::not_found("Session with ID " + id + " not found"); }

void apply_manual_open(UnitOfWork& uow, Session& s, bool open, TimePoint now) {
  if (s.is_open == open) return;
  SessionStatusChanged event{s.id, s.name, s.status, s.status, s.is_open, open, "manual", now};
  s.is_open = open;
  s.status = open ? SessionStatus::kOpen : SessionStatus::kClosed;
  s.updated_at = now;
  event.new_status = s.status;
  uow.emit(std::move(event));
}

Result<Session> SessionService::create(UnitOfWork& uow, const SessionFields& fields, TimePoint now) {
  Session s = new_session(ids_.next(), fields, now);
  if (auto error = check_times(s)) return *error;
  uow.sessions().insert(s);
  return s;
}

BulkSessionResult SessionService::create_many(UnitOfWork& uow, const std::vector<SessionFields>& items, TimePoint now) {
  BulkSessionResult result;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto created = create(uow, items[i], now);
    if (created) {
      ++result.success;
      result.created.push_back(std::move(created).value());
    } else {
      ++result.failed;
      result.errors.push_back({static_cast<int>(i), items[i].name.value_or(""), created.error().message});
    }
  }
  return result;
}

Result<Session> SessionService::update(UnitOfWork& uow, const std::string& id, const SessionFields& fields,
                                       TimePoint now) {
  auto found = uow.sessions().find(id);
  if (!found) return session_not_found(id);
  Session s = *found;
  apply(s, fields);
  // Checked against the resulting times, also when only one of them changes.
  if (auto error = check_times(s)) return *error;
  s.updated_at = now;
  if (fields.is_open) apply_manual_open(uow, s, *fields.is_open, now);
  uow.sessions().update(s);
  return s;
}

Result<Session> SessionService::set_open(UnitOfWork& uow, const std::string& id, bool open, TimePoint now) {
  auto found = uow.sessions().find(id);
  if (!found) return session_not_found(id);
  Session s = *found;
  apply_manual_open(uow, s, open, now);
  uow.sessions().update(s);
  return s;
}

Result<Session> SessionService::remove(UnitOfWork& uow, const std::string& id) {
  auto found = uow.sessions().find(id);
  if (!found) return session_not_found(id);
  uow.sessions().remove(id);
  return *found;
}

}  // namespace admit
