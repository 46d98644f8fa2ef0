#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace admit {

enum class SessionStatus { kScheduled, kOpen, kEnded, kClosed, kCancelled };

std::string_view to_string(SessionStatus status);
std::optional<SessionStatus> parse_session_status(std::string_view text);

struct Session {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  TimePoint start_time;
  TimePoint end_time;
  std::optional<std::string> location;
  bool is_open = false;
  SessionStatus status = SessionStatus::kScheduled;
  int capacity = 0;  // 0 = unlimited
  bool capacity_enforced = true;
  bool requires_registration = false;
  int check_ins_count = 0;
  int day = 1;
  // Per-session timing overrides; absent means "use the stored settings".
  std::optional<int> auto_open_minutes_before;
  std::optional<int> auto_end_grace_minutes;
  std::optional<int> late_threshold_minutes;
  TimePoint created_at;
  TimePoint updated_at;

  bool has_enforced_limit() const { return capacity > 0 && capacity_enforced; }
};

}  // namespace admit
