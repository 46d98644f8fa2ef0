#include "domain/participant.hpp"

#include <array>
#include <utility>

namespace admit {
namespace {

constexpr std::array<std::pair<ParticipantStatus, std::string_view>, 3> kNames{{
    {ParticipantStatus::kRegular, "regular"},
    {ParticipantStatus::kAmbassador, "ambassador"},
    {ParticipantStatus::kTravelGrant, "travel_grant"},
}};

}  // namespace

std::string_view to_string(ParticipantStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "regular";
}

std::optional<ParticipantStatus> parse_participant_status(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace admit
