#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace admit {

enum class CheckInMethod { kQr, kManual };
enum class CheckInBadge { kAccepted, kAcceptedUnregistered };

std::string_view to_string(CheckInMethod method);
std::optional<CheckInMethod> parse_check_in_method(std::string_view text);
std::string_view to_string(CheckInBadge badge);
std::optional<CheckInBadge> parse_check_in_badge(std::string_view text);

struct CheckIn {
  std::string id;
  std::string participant_id;
  std::string session_id;
  TimePoint check_in_time;
  CheckInMethod method = CheckInMethod::kManual;
  std::optional<std::string> checked_in_by;
  std::optional<std::string> notes;
  bool is_late = false;
  CheckInBadge badge = CheckInBadge::kAccepted;
  bool was_registered = true;
  TimePoint created_at;
  TimePoint updated_at;
};

}  // namespace admit
