#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/object_id.hpp"
#include "domain/result.hpp"
#include "domain/session.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

// A session as an organiser describes it; on update, absent fields stay as they are.
struct SessionFields {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<TimePoint> start_time;
  std::optional<TimePoint> end_time;
  std::optional<std::string> location;
  std::optional<bool> is_open;
  std::optional<int> capacity;
  std::optional<bool> capacity_enforced;
  std::optional<bool> requires_registration;
  std::optional<int> day;
  std::optional<int> auto_open_minutes_before;
  std::optional<int> auto_end_grace_minutes;
  std::optional<int> late_threshold_minutes;
};

struct BulkSessionError {
  int index;
  std::string name;
  std::string error;
};

struct BulkSessionResult {
  int success = 0;
  int failed = 0;
  std::vector<BulkSessionError> errors;
  std::vector<Session> created;
};

class SessionService {
 public:
  explicit SessionService(ObjectIdGenerator& ids) : ids_(ids) {}

  // `fields` must carry name, start_time and end_time.
  Result<Session> create(UnitOfWork& uow, const SessionFields& fields, TimePoint now);
  BulkSessionResult create_many(UnitOfWork& uow, const std::vector<SessionFields>& items, TimePoint now);
  Result<Session> update(UnitOfWork& uow, const std::string& id, const SessionFields& fields, TimePoint now);
  // Opens or closes by hand. Keeps isOpen and status in step; a hand-closed session is "closed",
  // which the scheduler never reopens.
  Result<Session> set_open(UnitOfWork& uow, const std::string& id, bool open, TimePoint now);
  Result<Session> remove(UnitOfWork& uow, const std::string& id);

 private:
  ObjectIdGenerator& ids_;
};

// "Session with ID <id> not found"
Error session_not_found(const std::string& id);

// Moves a session to open or closed by hand and emits the status change if anything changed.
void apply_manual_open(UnitOfWork& uow, Session& session, bool open, TimePoint now);

}  // namespace admit
