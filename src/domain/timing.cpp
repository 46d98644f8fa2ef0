#include "domain/timing.hpp"

namespace admit {

int effective_late_threshold(const Session& session, const TimingSettings& settings) {
  return session.late_threshold_minutes.value_or(settings.late_threshold_minutes);
}

int effective_auto_open_minutes(const Session& session, const TimingSettings& settings) {
  return session.auto_open_minutes_before.value_or(settings.auto_open_minutes_before);
}

int effective_auto_end_grace(const Session& session, const TimingSettings& settings) {
  return session.auto_end_grace_minutes.value_or(settings.auto_end_grace_minutes);
}

bool is_late(const Session& session, const TimingSettings& settings, TimePoint check_in_time) {
  return check_in_time > session.start_time + Minutes{effective_late_threshold(session, settings)};
}

ScheduledTransition scheduled_transition(const Session& session, const TimingSettings& settings, TimePoint now) {
  const bool endable = session.status == SessionStatus::kOpen || session.status == SessionStatus::kScheduled;
  if (settings.auto_end_enabled && endable &&
      now >= session.end_time + Minutes{effective_auto_end_grace(session, settings)}) {
    return ScheduledTransition::kAutoEnd;
  }
  if (session.status == SessionStatus::kScheduled && session.end_time > now &&
      now >= session.start_time - Minutes{effective_auto_open_minutes(session, settings)}) {
    return ScheduledTransition::kAutoOpen;
  }
  return ScheduledTransition::kNone;
}

}  // namespace admit
