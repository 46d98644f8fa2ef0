#include "realtime/realtime_reads.hpp"

#include <algorithm>
#include <limits>

#include "api/views.hpp"
#include "domain/text.hpp"

namespace admit {
namespace {

// The reference's peers list stops at ten; the count covers them all.
constexpr int kOrganizationPeers = 10;

// A participant's own check-ins, newest first: one per session at most, so all of them.
std::vector<CheckIn> check_ins_of(UnitOfWork& uow, const std::string& participant_id) {
  CheckInFilter filter;
  filter.participant_id = participant_id;
  PageRequest all;
  all.limit = std::numeric_limits<int>::max();
  all.sort_by = "checkInTime";
  all.descending = true;
  return uow.check_ins().list(filter, all).items;
}

Json check_ins_json(const std::vector<CheckIn>& check_ins) {
  Json out = Json::array();
  for (const auto& c : check_ins) {
    out.push_back(Json{{"_id", c.id},
                       {"sessionId", c.session_id},
                       {"checkInTime", format_iso8601(c.check_in_time)},
                       {"isLate", c.is_late}});
  }
  return out;
}

std::vector<std::string> ids_of(const std::vector<Participant>& participants) {
  std::vector<std::string> ids;
  ids.reserve(participants.size());
  for (const auto& p : participants)
    ids.push_back(p.id);
  return ids;
}

CheckInSummary summary_of(const std::map<std::string, CheckInSummary>& summaries, const std::string& id) {
  auto it = summaries.find(id);
  return it == summaries.end() ? CheckInSummary{} : it->second;
}

bool has_organization(const Participant& p) { return p.organization && !trim(*p.organization).empty(); }

}  // namespace

Json leaderboard_json(const std::vector<Participant>& top) {
  Json out = Json::array();
  int rank = 0;
  for (const auto& p : top) {
    Json entry = pick(to_json(p), {"name", "email", "organization", "ambassadorPoints"});
    entry["referralCount"] = p.referred_participant_ids.size();
    entry["rank"] = ++rank;
    out.push_back(std::move(entry));
  }
  return out;
}

std::optional<int> rank_in(const std::vector<Participant>& top, const std::string& ambassador_id) {
  auto it = std::find_if(top.begin(), top.end(), [&](const Participant& p) { return p.id == ambassador_id; });
  if (it == top.end()) return std::nullopt;
  return static_cast<int>(it - top.begin()) + 1;
}

Json travel_grant_stats_json(const TravelGrantStats& s) {
  return Json{{"total", s.total}, {"pending", s.pending}, {"approved", s.approved}, {"rejected", s.rejected}};
}

Json travel_grants_data(UnitOfWork& uow) {
  Json applications = Json::array();
  for (const auto& p : uow.participants().travel_grant_applications(std::nullopt, std::nullopt))
    applications.push_back(to_json(p));
  return Json{{"applications", std::move(applications)},
              {"stats", travel_grant_stats_json(uow.participants().travel_grant_stats())}};
}

std::optional<Json> ambassador_detail(UnitOfWork& uow, const std::string& id) {
  auto found = uow.participants().find(id);
  if (!found) return std::nullopt;
  const Participant& a = *found;
  const Json doc = to_json(a);
  Json ambassador = pick(doc, {"name", "email", "organization", "ambassadorPoints"});
  ambassador["referralCount"] = a.referred_participant_ids.size();
  ambassador["isActive"] = a.is_active;
  ambassador["createdAt"] = doc.at("createdAt");

  auto referred = uow.participants().referred_by(id);
  auto summaries = uow.check_ins().summaries(ids_of(referred));
  Json referred_json = Json::array();
  std::int64_t active = 0;
  std::int64_t referral_check_ins = 0;
  for (const auto& p : referred) {
    auto summary = summary_of(summaries, p.id);
    Json entry = pick(to_json(p), {"name", "email", "organization", "status", "isActive"});
    entry["checkInsCount"] = summary.count;
    entry["lastCheckIn"] = summary.latest ? Json(format_iso8601(*summary.latest)) : Json(nullptr);
    referred_json.push_back(std::move(entry));
    if (p.is_active) ++active;
    referral_check_ins += summary.count;
  }

  auto own = check_ins_of(uow, id);
  Json stats{{"totalReferrals", a.referred_participant_ids.size()},
             {"activeReferrals", active},
             {"totalCheckIns", own.size()},
             {"referralCheckIns", referral_check_ins}};
  return Json{{"ambassador", std::move(ambassador)},
              {"referredParticipants", std::move(referred_json)},
              {"checkIns", check_ins_json(own)},
              {"stats", std::move(stats)}};
}

std::optional<Json> travel_grant_detail(UnitOfWork& uow, const std::string& id) {
  auto found = uow.participants().find(id);
  if (!found) return std::nullopt;
  const Participant& p = *found;
  Json participant =
      pick(to_json(p), {"name", "email", "organization", "status", "travelGrantApplied", "travelGrantApproved",
                        "travelGrantAppliedAt", "travelGrantDecidedAt", "isActive", "createdAt"});

  auto own = check_ins_of(uow, id);
  auto late = std::count_if(own.begin(), own.end(), [](const CheckIn& c) { return c.is_late; });

  // Without an organization there are no peers (the reference counted -1 then).
  Page<Participant> peers;
  if (has_organization(p)) peers = uow.participants().organization_peers(*p.organization, id, kOrganizationPeers);
  auto summaries = uow.check_ins().summaries(ids_of(peers.items));
  Json peers_json = Json::array();
  for (const auto& peer : peers.items) {
    Json entry = pick(to_json(peer), {"name", "email", "status"});
    entry["checkInsCount"] = summary_of(summaries, peer.id).count;
    peers_json.push_back(std::move(entry));
  }

  Json stats{{"totalCheckIns", own.size()},
             {"onTimeCheckIns", static_cast<std::int64_t>(own.size()) - late},
             {"lateCheckIns", late},
             {"organizationPeersCount", peers.total}};
  return Json{{"participant", std::move(participant)},
              {"checkIns", check_ins_json(own)},
              {"organizationPeers", std::move(peers_json)},
              {"stats", std::move(stats)}};
}

}  // namespace admit
