#include "domain/check_in.hpp"

namespace admit {

std::string_view to_string(CheckInMethod method) { return method == CheckInMethod::kQr ? "qr" : "manual"; }

std::optional<CheckInMethod> parse_check_in_method(std::string_view text) {
  if (text == "qr") return CheckInMethod::kQr;
  if (text == "manual") return CheckInMethod::kManual;
  return std::nullopt;
}

std::string_view to_string(CheckInBadge badge) {
  return badge == CheckInBadge::kAccepted ? "accepted" : "accepted_unregistered";
}

std::optional<CheckInBadge> parse_check_in_badge(std::string_view text) {
  if (text == "accepted") return CheckInBadge::kAccepted;
  if (text == "accepted_unregistered") return CheckInBadge::kAcceptedUnregistered;
  return std::nullopt;
}

}  // namespace admit
