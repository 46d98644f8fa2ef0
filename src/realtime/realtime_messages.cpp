#include "realtime/realtime_messages.hpp"

namespace admit {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

Json capacity_update(const std::string& session_id, const std::string& session_name, const CapacityInfo& c) {
  return Json{{"type", "capacity-update"},
              {"data",
               {{"sessionId", session_id},
                {"sessionName", session_name},
                {"checkInsCount", c.check_ins_count},
                {"capacity", c.capacity},
                {"percentFull", c.percent_full},
                {"isNearCapacity", c.is_near_capacity},
                {"isAtCapacity", c.is_at_capacity}}}};
}

}  // namespace

std::vector<RealtimeMessage> score_update_messages(const AmbassadorScoreChanged& e, std::optional<int> rank) {
  Json data{{"ambassadorId", e.ambassador_id},
            {"name", e.name},
            {"newScore", e.new_score},
            {"previousScore", e.previous_score},
            {"referralCount", e.referral_count}};
  if (rank) data["rank"] = *rank;
  Json update{{"type", "score-update"}, {"data", std::move(data)}};
  return {{"ambassadors:score-update", "ambassadors", update},
          {"ambassador:score-update", "ambassador:" + e.ambassador_id, update}};
}

std::vector<RealtimeMessage> realtime_messages(const DomainEvent& event, TimePoint now) {
  const std::string timestamp = format_iso8601(now);
  std::vector<RealtimeMessage> out;
  std::visit(Overloaded{
                 [&](const SessionStatusChanged& e) {
                   const std::string at = format_iso8601(e.at);
                   // Unlike the reference, previousStatus/newStatus are sent for scheduler changes too.
                   Json data{{"sessionId", e.session_id},
                             {"sessionName", e.session_name},
                             {"previousStatus", to_string(e.previous_status)},
                             {"newStatus", to_string(e.new_status)},
                             {"previousIsOpen", e.previous_is_open},
                             {"newIsOpen", e.new_is_open},
                             {"reason", e.reason},
                             {"timestamp", at}};
                   out.push_back({"sessions:status-update", "sessions",
                                  Json{{"type", "status-update"}, {"data", data}, {"timestamp", timestamp}}});
                   // The reference's global event has isOpen; previousIsOpen/newIsOpen are added for the app.
                   out.push_back({"sessionStatusUpdated", std::nullopt,
                                  Json{{"sessionId", e.session_id},
                                       {"sessionName", e.session_name},
                                       {"previousStatus", to_string(e.previous_status)},
                                       {"newStatus", to_string(e.new_status)},
                                       {"isOpen", e.new_is_open},
                                       {"previousIsOpen", e.previous_is_open},
                                       {"newIsOpen", e.new_is_open},
                                       {"reason", e.reason},
                                       {"timestamp", at}}});
                 },
                 [&](const CheckInRecorded& e) {
                   const auto& c = e.check_in;
                   const std::string at = format_iso8601(c.check_in_time);
                   out.push_back({"checkin:accepted", "sessions",
                                  Json{{"type", "accepted"},
                                       {"data",
                                        {{"checkInId", c.id},
                                         {"sessionId", c.session_id},
                                         {"participantId", c.participant_id},
                                         {"participantName", e.participant_name},
                                         {"sessionName", e.session_name},
                                         {"badge", to_string(c.badge)},
                                         {"wasRegistered", c.was_registered},
                                         {"isLate", c.is_late},
                                         {"timestamp", at}}}}});
                   Json checkin{{"type", "checkin"},
                                {"data",
                                 {{"sessionId", c.session_id},
                                  {"participantId", c.participant_id},
                                  {"participantName", e.participant_name},
                                  {"sessionName", e.session_name},
                                  {"timestamp", at},
                                  {"isLate", c.is_late}}}};
                   out.push_back({"sessions:checkin", "sessions", checkin});
                   out.push_back({"ambassadors:checkin", "ambassadors", checkin});
                   out.push_back({"sessions:capacity-update", "sessions",
                                  capacity_update(c.session_id, e.session_name, e.capacity)});
                 },
                 [&](const CheckInRemoved& e) {
                   out.push_back({"sessions:capacity-update", "sessions",
                                  capacity_update(e.check_in.session_id, e.session_name, e.capacity)});
                 },
                 [&](const EntryDeclined& e) {
                   const auto& a = e.attempt;
                   out.push_back({"checkin:declined", "sessions",
                                  Json{{"type", "declined"},
                                       {"data",
                                        {{"attemptId", a.id},
                                         {"sessionId", a.session_id},
                                         {"participantId", a.participant_id},
                                         {"participantName", e.participant_name},
                                         {"sessionName", e.session_name},
                                         {"reason", a.reason ? Json(*a.reason) : Json(nullptr)},
                                         {"wasRegistered", a.was_registered},
                                         {"timestamp", format_iso8601(a.attempt_time)}}}}});
                 },
                 [&](const EntryVerified& e) {
                   out.push_back({"checkin:verification", "sessions",
                                  Json{{"type", "verification"},
                                       {"data",
                                        {{"sessionId", e.session_id},
                                         {"participantId", e.participant_id},
                                         {"participantName", e.participant_name},
                                         {"sessionName", e.session_name},
                                         {"badge", to_string(e.badge)},
                                         {"isRegistered", e.is_registered},
                                         {"timestamp", format_iso8601(e.at)}}}}});
                 },
                 [&](const AmbassadorScoreChanged& e) {
                   // Without rank: it needs the leaderboard, which the event does not carry. The
                   // gateway sends score_update_messages with it instead, after reading the board.
                   out = score_update_messages(e, std::nullopt);
                 },
                 [&](const TravelGrantChanged& e) {
                   Json update{{"type", "status-update"},
                               {"data",
                                {{"participantId", e.participant_id},
                                 {"name", e.name},
                                 {"status", e.status},
                                 {"timestamp", format_iso8601(e.at)}}}};
                   out.push_back({"travel-grants:update", "travel-grants", update});
                   out.push_back({"travel-grant:update", "travel-grant:" + e.participant_id, update});
                 },
                 [&](const auto&) {},  // events added later send nothing until they are mapped here
             },
             event);
  return out;
}

Json handler_exception_payload(const std::string& event, const Json& args) {
  Json cause{{"pattern", event}};
  if (args.is_array() && !args.empty()) cause["data"] = args[0];
  return Json{{"status", "error"}, {"message", "Internal server error"}, {"cause", std::move(cause)}};
}

}  // namespace admit
