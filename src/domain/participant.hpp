#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace admit {

enum class ParticipantStatus { kRegular, kAmbassador, kTravelGrant };

std::string_view to_string(ParticipantStatus status);
std::optional<ParticipantStatus> parse_participant_status(std::string_view text);

struct Participant {
  std::string id;
  std::string name;
  std::string email;  // trimmed and lowercased
  std::optional<std::string> organization;
  std::optional<std::string> phone;
  std::string qr_code;
  bool is_active = true;
  ParticipantStatus status = ParticipantStatus::kRegular;
  int ambassador_points = 0;
  std::vector<std::string> referred_participant_ids;
  bool travel_grant_applied = false;
  std::optional<bool> travel_grant_approved;  // absent = pending / undecided
  std::optional<TimePoint> travel_grant_applied_at;
  std::optional<TimePoint> travel_grant_decided_at;
  std::optional<std::string> notes;
  TimePoint created_at;
  TimePoint updated_at;
};

}  // namespace admit
