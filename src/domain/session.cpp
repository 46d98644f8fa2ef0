#include "domain/session.hpp"

#include <array>
#include <utility>

namespace admit {
namespace {

constexpr std::array<std::pair<SessionStatus, std::string_view>, 5> kNames{{
    {SessionStatus::kScheduled, "scheduled"},
    {SessionStatus::kOpen, "open"},
    {SessionStatus::kEnded, "ended"},
    {SessionStatus::kClosed, "closed"},
    {SessionStatus::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view to_string(SessionStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "scheduled";
}

std::optional<SessionStatus> parse_session_status(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace admit
