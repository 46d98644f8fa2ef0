#pragma once

#include <optional>

#include "domain/timing_settings.hpp"

namespace admit {

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  virtual std::optional<TimingSettings> load_timing() = 0;
  virtual void save_timing(const TimingSettings& timing) = 0;
};

}  // namespace admit
