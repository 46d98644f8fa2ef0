#pragma once

#include "domain/session.hpp"

namespace admit {

// The capacity figures the reference returns with every check-in ("capacityInfo").
struct CapacityInfo {
  int capacity = 0;
  int check_ins_count = 0;
  int remaining = -1;  // -1 for an unlimited session
  int percent_full = 0;
  bool is_near_capacity = false;
  bool is_at_capacity = false;
};

inline constexpr int kNearCapacityPercent = 80;

// Whether one more person may enter a session that already holds `count`.
bool has_room(const Session& session, int count);

// The figures for a session holding `count` people.
CapacityInfo capacity_info(const Session& session, int count);

}  // namespace admit
