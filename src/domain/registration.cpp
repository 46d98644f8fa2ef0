#include "domain/registration.hpp"

#include <array>
#include <utility>

namespace admit {
namespace {

constexpr std::array<std::pair<RegistrationStatus, std::string_view>, 3> kNames{{
    {RegistrationStatus::kConfirmed, "confirmed"},
    {RegistrationStatus::kPending, "pending"},
    {RegistrationStatus::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view to_string(RegistrationStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "pending";
}

std::optional<RegistrationStatus> parse_registration_status(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace admit
