#include "domain/verification.hpp"

namespace admit {

std::string_view to_string(VerificationBadge badge) {
  switch (badge) {
    case VerificationBadge::kRegistered:
      return "REGISTERED";
    case VerificationBadge::kAlreadyCheckedIn:
      return "ALREADY_CHECKED_IN";
    case VerificationBadge::kNotRegistered:
      break;
  }
  return "NOT_REGISTERED";
}

Verification verify_entry(const Session& session, const std::optional<Registration>& registration,
                          const std::optional<CheckIn>& existing, int count) {
  Verification v;
  v.is_registered = registration && registration->confirmed();
  if (registration) v.registration_status = registration->status;
  v.existing_check_in = existing;

  if (existing) {
    v.badge = VerificationBadge::kAlreadyCheckedIn;
    v.actions.can_accept = false;
    v.actions.can_decline = false;
  } else if (v.is_registered) {
    v.badge = VerificationBadge::kRegistered;
  } else {
    v.badge = VerificationBadge::kNotRegistered;
    v.actions.accept_label = "Accept Anyway";
    v.actions.decline_label = "Decline Entry";
  }

  if (!session.is_open) {
    v.actions.can_accept = false;
    v.actions.decline_label = "Session Closed";
  }

  if (session.has_enforced_limit()) {
    v.capacity = capacity_info(session, count);
    v.is_at_capacity = v.capacity->is_at_capacity;
    if (v.is_at_capacity && !existing) {
      v.actions.can_accept = false;
      v.actions.accept_label = "Session Full";
    }
  }
  return v;
}

}  // namespace admit
