#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/domain_event.hpp"
#include "http/json.hpp"

namespace admit {

// One Socket.IO event of the /realtime namespace: to a room, or to every socket when `room` is empty.
struct RealtimeMessage {
  std::string event;
  std::optional<std::string> room;
  Json payload;
};

// The contract's events (backend-contract.md §5.3 and §5.4) for a committed domain event, in the
// order they are sent. Pure: `now` is the envelope's timestamp.
std::vector<RealtimeMessage> realtime_messages(const DomainEvent& event, TimePoint now);

// `ambassadors:score-update` and `ambassador:score-update`; `rank` (1-based leaderboard position)
// is left out when unknown.
std::vector<RealtimeMessage> score_update_messages(const AmbassadorScoreChanged& event, std::optional<int> rank);

}  // namespace admit
