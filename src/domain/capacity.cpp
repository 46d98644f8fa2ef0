#include "domain/capacity.hpp"

#include <algorithm>
#include <cmath>

namespace admit {

bool has_room(const Session& session, int count) { return !session.has_enforced_limit() || count < session.capacity; }

CapacityInfo capacity_info(const Session& session, int count) {
  CapacityInfo info;
  info.capacity = session.capacity;
  info.check_ins_count = count;
  if (session.capacity <= 0) return info;
  info.remaining = std::max(0, session.capacity - count);
  info.percent_full = static_cast<int>(std::lround(100.0 * count / session.capacity));
  info.is_near_capacity = info.percent_full >= kNearCapacityPercent;
  info.is_at_capacity = count >= session.capacity;
  return info;
}

}  // namespace admit
