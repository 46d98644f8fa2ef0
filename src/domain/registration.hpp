#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace admit {

enum class RegistrationStatus { kConfirmed, kPending, kCancelled };

std::string_view to_string(RegistrationStatus status);
std::optional<RegistrationStatus> parse_registration_status(std::string_view text);

struct Registration {
  std::string id;
  std::string participant_id;
  std::string session_id;
  TimePoint registration_date;
  RegistrationStatus status = RegistrationStatus::kPending;
  std::optional<std::string> notes;
  TimePoint created_at;
  TimePoint updated_at;

  // Only a confirmed registration counts as "registered" at the door.
  bool confirmed() const { return status == RegistrationStatus::kConfirmed; }
};

}  // namespace admit
