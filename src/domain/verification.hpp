#pragma once

#include <optional>
#include <string>

#include "domain/capacity.hpp"
#include "domain/check_in.hpp"
#include "domain/registration.hpp"
#include "domain/session.hpp"

namespace admit {

enum class VerificationBadge { kRegistered, kNotRegistered, kAlreadyCheckedIn };

std::string_view to_string(VerificationBadge badge);

struct VerificationActions {
  bool can_accept = true;
  bool can_decline = true;
  std::string accept_label = "Check In";
  std::string decline_label = "Decline";
};

// What the door sees after a scan (the reference's verify-qr decision table, §4.1).
struct Verification {
  bool is_registered = false;
  std::optional<RegistrationStatus> registration_status;
  std::optional<CheckIn> existing_check_in;
  VerificationBadge badge = VerificationBadge::kNotRegistered;
  bool is_at_capacity = false;
  VerificationActions actions;
  std::optional<CapacityInfo> capacity;  // only for sessions with an enforced limit
};

// `count` is the number of check-ins the session actually holds.
Verification verify_entry(const Session& session, const std::optional<Registration>& registration,
                          const std::optional<CheckIn>& existing, int count);

}  // namespace admit
