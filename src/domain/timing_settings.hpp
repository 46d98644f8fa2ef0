#pragma once

namespace admit {

// Event-wide timing, stored in the database and editable through /api/v1/settings/timing.
// The scheduler and late detection read these (the reference stored them and then ignored them).
struct TimingSettings {
  int auto_open_minutes_before = 10;
  bool auto_end_enabled = true;
  int auto_end_grace_minutes = 0;
  int late_threshold_minutes = 10;
  int scheduler_interval_ms = 30000;
};

}  // namespace admit
