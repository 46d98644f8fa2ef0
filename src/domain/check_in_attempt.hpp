#pragma once

#include <optional>
#include <string>

#include "domain/time.hpp"

namespace admit {

// The audit record of a refused entry. Only "declined" is written; "failed" exists for the
// reference's schema and filters.
struct CheckInAttempt {
  std::string id;
  std::string participant_id;
  std::string session_id;
  TimePoint attempt_time;
  std::string status = "declined";
  std::optional<std::string> declined_by;
  std::optional<std::string> reason;
  bool was_registered = false;
  TimePoint created_at;
  TimePoint updated_at;
};

}  // namespace admit
