#include "storage/sqlite/sqlite_settings_repository.hpp"

namespace admit {

std::optional<TimingSettings> SqliteSettingsRepository::load_timing() {
  auto q = db_.query(
      "SELECT auto_open_minutes_before, auto_end_enabled, auto_end_grace_minutes, late_threshold_minutes, "
      "scheduler_interval_ms FROM app_settings WHERE settings_id = 'default'");
  if (!q.next()) return std::nullopt;
  TimingSettings t;
  t.auto_open_minutes_before = q.int_at(0);
  t.auto_end_enabled = q.bool_at(1);
  t.auto_end_grace_minutes = q.int_at(2);
  t.late_threshold_minutes = q.int_at(3);
  t.scheduler_interval_ms = q.int_at(4);
  return t;
}

void SqliteSettingsRepository::save_timing(const TimingSettings& t) {
  auto q = db_.query(
      "INSERT INTO app_settings (settings_id, auto_open_minutes_before, auto_end_enabled, auto_end_grace_minutes, "
      "late_threshold_minutes, scheduler_interval_ms) VALUES ('default', ?, ?, ?, ?, ?) "
      "ON CONFLICT (settings_id) DO UPDATE SET auto_open_minutes_before = excluded.auto_open_minutes_before, "
      "auto_end_enabled = excluded.auto_end_enabled, auto_end_grace_minutes = excluded.auto_end_grace_minutes, "
      "late_threshold_minutes = excluded.late_threshold_minutes, "
      "scheduler_interval_ms = excluded.scheduler_interval_ms");
  q.bind_all(t.auto_open_minutes_before, t.auto_end_enabled, t.auto_end_grace_minutes, t.late_threshold_minutes,
             t.scheduler_interval_ms);
  q.run();
}

}  // namespace admit
