#include "domain/scheduler_service.hpp"

#include "domain/domain_event.hpp"
#include "domain/timing.hpp"

namespace admit {

SchedulerOutcome run_scheduler(UnitOfWork& uow, TimePoint now) {
  SchedulerOutcome outcome;
  TimingSettings settings = uow.settings().load_timing().value_or(TimingSettings{});
  for (Session s : uow.sessions().schedulable()) {
    auto transition = scheduled_transition(s, settings, now);
    if (transition == ScheduledTransition::kNone) continue;
    SessionStatusChanged event{s.id, s.name, s.status, s.status, s.is_open, s.is_open, "", now};
    if (transition == ScheduledTransition::kAutoOpen) {
      s.status = SessionStatus::kOpen;
      s.is_open = true;
      event.reason = "auto_open";
      outcome.opened.push_back(s.name);
    } else {
      s.status = SessionStatus::kEnded;
      s.is_open = false;
      event.reason = "auto_end";
      outcome.ended.push_back(s.name);
    }
    s.updated_at = now;
    event.new_status = s.status;
    event.new_is_open = s.is_open;
    uow.sessions().update(s);
    uow.emit(std::move(event));
  }
  return outcome;
}

}  // namespace admit
