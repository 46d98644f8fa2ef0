#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/participant.hpp"
#include "http/json.hpp"
#include "storage/participant_repository.hpp"
#include "storage/unit_of_work.hpp"

namespace admit {

// The data of the /realtime subscription replies (backend-contract.md §5.2). The functions taking
// a UnitOfWork run inside a storage job; the others are pure.

// `ambassadors:leaderboard` shows this many ambassadors.
constexpr int kRealtimeLeaderboardSize = 50;

// [{_id, name, email, organization, ambassadorPoints, referralCount, rank}], rank 1-based.
Json leaderboard_json(const std::vector<Participant>& top);
// The 1-based position of `ambassador_id` in `top`, when it is there.
std::optional<int> rank_in(const std::vector<Participant>& top, const std::string& ambassador_id);

// {total, pending, approved, rejected}
Json travel_grant_stats_json(const TravelGrantStats& stats);

// `travel-grants:data` without its envelope: {applications (as P7 without filters), stats}.
Json travel_grants_data(UnitOfWork& uow);

// `ambassador:detail` / `travel-grant:detail` without their timestamp; nothing when there is no
// participant with that id. Unlike the reference, checkIns[].sessionId is the session's id.
std::optional<Json> ambassador_detail(UnitOfWork& uow, const std::string& id);
std::optional<Json> travel_grant_detail(UnitOfWork& uow, const std::string& id);

}  // namespace admit
