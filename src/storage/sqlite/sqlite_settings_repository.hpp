#pragma once

#include "storage/settings_repository.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace admit {

class SqliteSettingsRepository : public SettingsRepository {
 public:
  explicit SqliteSettingsRepository(SqliteConnection& db) : db_(db) {}

  std::optional<TimingSettings> load_timing() override;
  void save_timing(const TimingSettings& timing) override;

 private:
  SqliteConnection& db_;
};

}  // namespace admit
