#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/session.hpp"
#include "storage/page.hpp"

namespace admit {

struct SessionFilter {
  std::optional<bool> is_open;
  std::optional<SessionStatus> status;
  std::optional<int> day;
  std::optional<TimePoint> start_after;
  std::optional<TimePoint> start_before;
  std::optional<std::string> location;  // case-insensitive substring
};

struct SessionStats {
  std::int64_t total = 0;
  std::int64_t open = 0;
  std::int64_t upcoming = 0;
  std::int64_t past = 0;
};

// A session with its registration (any status) and check-in counts, for the sessions sheets.
struct SessionSheetRow {
  Session session;
  std::int64_t registrations = 0;
  std::int64_t check_ins = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual std::optional<Session> find(const std::string& id) = 0;
  virtual Page<Session> list(const SessionFilter& filter, const PageRequest& page) = 0;
  virtual std::vector<Session> upcoming_open(TimePoint now, int limit) = 0;
  // Sessions the scheduler may still move: status scheduled or open.
  virtual std::vector<Session> schedulable() = 0;
  virtual SessionStats stats(TimePoint now) = 0;
  // Up to `limit` sessions, newest created first, each with its counts: one query, not one per
  // session (the reference's N+1).
  virtual std::vector<SessionSheetRow> sheets(int limit) = 0;
  virtual void insert(const Session& session) = 0;
  virtual void update(const Session& session) = 0;
  virtual bool remove(const std::string& id) = 0;
  virtual void set_check_ins_count(const std::string& id, int count, TimePoint now) = 0;
};

}  // namespace admit
