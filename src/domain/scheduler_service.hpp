#pragma once

#include <string>
#include <vector>

#include "domain/time.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

struct SchedulerOutcome {
  std::vector<std::string> opened;  // session names
  std::vector<std::string> ended;
};

// One scheduler pass: opens sessions entering their window and ends those past their end (plus
// grace), with the stored settings and per-session overrides. Safe to run at any time and any
// number of times.
SchedulerOutcome run_scheduler(UnitOfWork& uow, TimePoint now);

}  // namespace admit
