#pragma once

#include <array>

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "domain/event_sink.hpp"

namespace admit {

// admit_checkin_outcomes_total{result,badge}: every committed door decision, from the domain's
// events (verify-qr answers, accepted check-ins, declined entries). Refusals (session full, not
// open, already checked in) are failed requests, counted by http_requests_total per route/status.
class CheckInMetrics : public EventSink {
 public:
  explicit CheckInMetrics(prometheus::Registry& registry);
  void publish(const DomainEvent& event) override;

 private:
  // Created up front so that every series exists (at zero) from the first scrape.
  std::array<prometheus::Counter*, 3> verified_{};  // by VerificationBadge
  std::array<prometheus::Counter*, 2> accepted_{};  // by CheckInBadge
  std::array<prometheus::Counter*, 2> declined_{};  // not registered, registered
};

}  // namespace admit
