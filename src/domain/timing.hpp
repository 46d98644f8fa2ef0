#pragma once

#include "domain/session.hpp"
#include "domain/time.hpp"
#include "domain/timing_settings.hpp"

namespace admit {

// Per-session overrides win over the event-wide settings; an explicit 0 is honoured.
int effective_late_threshold(const Session& session, const TimingSettings& settings);
int effective_auto_open_minutes(const Session& session, const TimingSettings& settings);
int effective_auto_end_grace(const Session& session, const TimingSettings& settings);

// Strictly after start + threshold; arriving before the start is never late.
bool is_late(const Session& session, const TimingSettings& settings, TimePoint check_in_time);

enum class ScheduledTransition { kNone, kAutoOpen, kAutoEnd };

// What the scheduler should do with a session at `now`. Decided from the session's status, so a
// repeated tick or a clock jump never opens or ends a session twice, and a session an organiser
// closed by hand ("closed") is never reopened.
ScheduledTransition scheduled_transition(const Session& session, const TimingSettings& settings, TimePoint now);

}  // namespace admit
