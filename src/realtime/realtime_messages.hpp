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

// The reference's (NestJS) answer to a message whose handler failed, sent to that socket as event
// `exception`: {status:"error", message:"Internal server error", cause:{pattern: event, data}},
// `data` being the message's payload (left out when it had none).
Json handler_exception_payload(const std::string& event, const Json& args);

}  // namespace admit
