#include "realtime/realtime_gateway.hpp"

#include <spdlog/spdlog.h>

#include "api/views.hpp"
#include "domain/object_id.hpp"
#include "realtime/realtime_reads.hpp"

namespace admit {

RealtimeGateway::RealtimeGateway(SioServer& sio, Database& db, asio::io_context& io, const Clock& clock)
    : nsp_(sio.of(kNamespace)), db_(db), io_(io), clock_(clock) {
  nsp_.on_connection([this](const std::shared_ptr<SioSocket>& socket) {
    socket->emit("connected", Json::array({Json{{"message", "Connected to IASTAM real-time server"},
                                                {"clientId", socket->id()},
                                                {"timestamp", format_iso8601(clock_.now())}}}));
  });
  // Like the reference: a handler that fails answers `exception` to its socket.
  nsp_.on_error([](const std::shared_ptr<SioSocket>& socket, const std::string& event, const Json& args) {
    socket->emit("exception", Json::array({handler_exception_payload(event, args)}));
  });
  nsp_.on("subscribe:sessions", [this](const std::shared_ptr<SioSocket>& socket, Json, const SioNamespace::Ack&) {
    socket->join("sessions");
    reply(socket, "subscribe:sessions", "sessions:data", [](UnitOfWork& uow) -> std::optional<Json> {
      PageRequest page;
      page.limit = 100;
      page.sort_by = "createdAt";
      page.descending = true;
      Json data = Json::array();
      for (const auto& s : uow.sessions().list(SessionFilter{}, page).items)
        data.push_back(to_json(s));
      return Json{{"type", "initial"}, {"data", std::move(data)}};
    });
  });
  nsp_.on("subscribe:ambassadors", [this](const std::shared_ptr<SioSocket>& socket, Json, const SioNamespace::Ack&) {
    socket->join("ambassadors");
    reply(socket, "subscribe:ambassadors", "ambassadors:leaderboard", [](UnitOfWork& uow) -> std::optional<Json> {
      return Json{{"type", "initial"},
                  {"data", leaderboard_json(uow.participants().leaderboard(kRealtimeLeaderboardSize))}};
    });
  });
  nsp_.on("subscribe:travel-grants", [this](const std::shared_ptr<SioSocket>& socket, Json, const SioNamespace::Ack&) {
    socket->join("travel-grants");
    reply(socket, "subscribe:travel-grants", "travel-grants:data", [](UnitOfWork& uow) -> std::optional<Json> {
      Json out{{"type", "initial"}};
      out.update(travel_grants_data(uow));
      return out;
    });
  });
  nsp_.on("subscribe:ambassador-detail",
          [this](const std::shared_ptr<SioSocket>& socket, Json args, const SioNamespace::Ack&) {
            subscribe_detail(socket, args, "ambassadorId", "ambassador:", "ambassador:detail", &ambassador_detail,
                             "Failed to fetch ambassador details");
          });
  nsp_.on("subscribe:travel-grant-detail",
          [this](const std::shared_ptr<SioSocket>& socket, Json args, const SioNamespace::Ack&) {
            subscribe_detail(socket, args, "participantId", "travel-grant:", "travel-grant:detail",
                             &travel_grant_detail, "Failed to fetch travel grant details");
          });
  nsp_.on("unsubscribe", [](const std::shared_ptr<SioSocket>& socket, Json args, const SioNamespace::Ack&) {
    if (args.empty() || !args[0].is_object()) return;
    auto channel = args[0].find("channel");
    if (channel != args[0].end() && channel->is_string()) socket->leave(channel->get<std::string>());
  });
}

void RealtimeGateway::reply(const std::shared_ptr<SioSocket>& socket, std::string pattern, std::string event, Read read,
                            std::string failure) {
  // Read on a storage thread; the reply is queued from there, so the I/O thread never waits for
  // SQLite.
  auto payload = std::make_shared<std::optional<Json>>();
  StorageJob job{[payload, read = std::move(read)](UnitOfWork& uow) {
                   *payload = read(uow);
                   return true;
                 },
                 [this, payload, socket, pattern = std::move(pattern), event = std::move(event),
                  failure = std::move(failure)](std::exception_ptr e) {
                   if (e || !*payload) {
                     if (e) spdlog::warn("realtime: could not read {} for {}", event, socket->id());
                     if (!failure.empty()) {
                       socket->emit("error", Json::array({Json{{"message", failure}}}));
                     } else if (e) {
                       // No error event of its own: the reference's failed handler answers `exception`.
                       socket->emit("exception", Json::array({handler_exception_payload(pattern, Json::array())}));
                     }
                     return;
                   }
                   Json out = std::move(**payload);
                   out["timestamp"] = format_iso8601(clock_.now());
                   socket->emit(event, Json::array({std::move(out)}));
                 }};
  db_.read(std::move(job));
}

void RealtimeGateway::subscribe_detail(const std::shared_ptr<SioSocket>& socket, const Json& args, const char* key,
                                       const std::string& room_prefix, std::string event, Detail detail,
                                       std::string failure) {
  // The reference threw on a missing payload (an `exception` event); a payload without a usable
  // id gets the subscription's own error instead, and no room is joined.
  const Json* id = nullptr;
  if (!args.empty() && args[0].is_object()) {
    auto it = args[0].find(key);
    if (it != args[0].end() && it->is_string()) id = &*it;
  }
  if (!id || !is_object_id(id->get_ref<const std::string&>())) {
    socket->emit("error", Json::array({Json{{"message", failure}}}));
    return;
  }
  auto participant_id = id->get<std::string>();
  socket->join(room_prefix + participant_id);
  // A failed read answers the subscription's own `error` (failure is set), so no pattern is needed.
  reply(
      socket, {}, std::move(event), [detail, participant_id](UnitOfWork& uow) { return detail(uow, participant_id); },
      std::move(failure));
}

void RealtimeGateway::publish(const DomainEvent& event) {
  if (const auto* score = std::get_if<AmbassadorScoreChanged>(&event)) {
    queue_leaderboard_refresh(*score);
    return;
  }
  broadcast(realtime_messages(event, clock_.now()));
  if (std::holds_alternative<TravelGrantChanged>(event)) queue_travel_grant_stats_refresh();
}

void RealtimeGateway::broadcast(std::vector<RealtimeMessage> messages) {
  if (messages.empty()) return;
  auto shared = std::make_shared<std::vector<RealtimeMessage>>(std::move(messages));
  asio::post(io_, [this, shared] {
    for (auto& m : *shared) {
      if (m.room) {
        nsp_.broadcast_to(*m.room, m.event, Json::array({std::move(m.payload)}));
      } else {
        nsp_.broadcast(m.event, Json::array({std::move(m.payload)}));
      }
    }
  });
}

void RealtimeGateway::queue_leaderboard_refresh(const AmbassadorScoreChanged& event) {
  {
    std::lock_guard lock(refresh_mutex_);
    pending_scores_.push_back(event);
    if (leaderboard_read_queued_) return;  // the queued read has not started: it takes this one too
    leaderboard_read_queued_ = true;
  }
  // Queued from an I/O thread, so the writer thread that published only posts.
  asio::post(io_, [this] { refresh_leaderboard(); });
}

void RealtimeGateway::refresh_leaderboard() {
  auto scores = std::make_shared<std::vector<AmbassadorScoreChanged>>();
  auto top = std::make_shared<std::vector<Participant>>();
  StorageJob job{[this, scores, top](UnitOfWork& uow) {
                   {
                     // Taken as the read starts: its snapshot includes every change taken here,
                     // since each was committed before it was published.
                     std::lock_guard lock(refresh_mutex_);
                     scores->swap(pending_scores_);
                     leaderboard_read_queued_ = false;
                   }
                   *top = uow.participants().leaderboard(kRealtimeLeaderboardSize);
                   return true;
                 },
                 [this, scores, top](std::exception_ptr e) {
                   if (e) {
                     spdlog::warn("realtime: could not read the leaderboard; score updates go without rank");
                     // A read that failed before it started took nothing (every queued read has
                     // a pending change): take them now, or no refresh would ever be queued again.
                     std::lock_guard lock(refresh_mutex_);
                     if (scores->empty()) {
                       scores->swap(pending_scores_);
                       leaderboard_read_queued_ = false;
                     }
                   }
                   std::vector<RealtimeMessage> messages;
                   for (const auto& score : *scores) {
                     auto rank = e ? std::nullopt : rank_in(*top, score.ambassador_id);
                     for (auto& m : score_update_messages(score, rank))
                       messages.push_back(std::move(m));
                   }
                   if (!e) {
                     messages.push_back({"ambassadors:leaderboard", "ambassadors",
                                         Json{{"type", "refresh"},
                                              {"data", leaderboard_json(*top)},
                                              {"timestamp", format_iso8601(clock_.now())}}});
                   }
                   broadcast(std::move(messages));
                 }};
  db_.read(std::move(job));
}

void RealtimeGateway::queue_travel_grant_stats_refresh() {
  {
    std::lock_guard lock(refresh_mutex_);
    if (stats_read_queued_) return;
    stats_read_queued_ = true;
  }
  asio::post(io_, [this] { refresh_travel_grant_stats(); });
}

void RealtimeGateway::refresh_travel_grant_stats() {
  auto stats = std::make_shared<std::optional<TravelGrantStats>>();
  auto started = std::make_shared<bool>(false);
  StorageJob job{[this, stats, started](UnitOfWork& uow) {
                   {
                     std::lock_guard lock(refresh_mutex_);
                     stats_read_queued_ = false;
                     *started = true;
                   }
                   *stats = uow.participants().travel_grant_stats();
                   return true;
                 },
                 [this, stats, started](std::exception_ptr e) {
                   if (e || !*stats) {
                     spdlog::warn("realtime: could not read the travel grant statistics");
                     std::lock_guard lock(refresh_mutex_);
                     if (!*started) stats_read_queued_ = false;
                     return;
                   }
                   broadcast({{"travel-grants:stats", "travel-grants",
                               Json{{"type", "refresh"},
                                    {"data", travel_grant_stats_json(**stats)},
                                    {"timestamp", format_iso8601(clock_.now())}}}});
                 }};
  db_.read(std::move(job));
}

}  // namespace admit
