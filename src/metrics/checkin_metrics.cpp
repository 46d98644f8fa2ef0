#include "metrics/checkin_metrics.hpp"

#include <cctype>
#include <string>

namespace admit {

namespace {

// The API spells verification badges in capitals (REGISTERED); label values are lower case, as is
// usual in Prometheus, and match the check-in badges (accepted_unregistered).
std::string label_value(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

CheckInMetrics::CheckInMetrics(prometheus::Registry& registry) {
  auto& family = prometheus::BuildCounter()
                     .Name("admit_checkin_outcomes_total")
                     .Help(
                         "Door decisions: result is verified (a scan answered), accepted (a check-in recorded) "
                         "or declined (an entry refused by staff); badge is the badge shown or recorded.")
                     .Register(registry);
  auto counter = [&family](const char* result, std::string_view badge) {
    return &family.Add({{"result", result}, {"badge", label_value(badge)}});
  };
  for (auto b :
       {VerificationBadge::kRegistered, VerificationBadge::kNotRegistered, VerificationBadge::kAlreadyCheckedIn})
    verified_[static_cast<std::size_t>(b)] = counter("verified", to_string(b));
  for (auto b : {CheckInBadge::kAccepted, CheckInBadge::kAcceptedUnregistered})
    accepted_[static_cast<std::size_t>(b)] = counter("accepted", to_string(b));
  declined_[0] = counter("declined", to_string(VerificationBadge::kNotRegistered));
  declined_[1] = counter("declined", to_string(VerificationBadge::kRegistered));
}

void CheckInMetrics::publish(const DomainEvent& event) {
  if (const auto* verified = std::get_if<EntryVerified>(&event)) {
    verified_.at(static_cast<std::size_t>(verified->badge))->Increment();
  } else if (const auto* recorded = std::get_if<CheckInRecorded>(&event)) {
    accepted_.at(static_cast<std::size_t>(recorded->check_in.badge))->Increment();
  } else if (const auto* declined = std::get_if<EntryDeclined>(&event)) {
    declined_[declined->attempt.was_registered ? 1 : 0]->Increment();
  }
}

}  // namespace admit
