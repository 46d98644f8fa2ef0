#include "realtime/realtime_gateway.hpp"

#include <spdlog/spdlog.h>

#include "api/views.hpp"
#include "realtime/realtime_messages.hpp"

namespace admit {

RealtimeGateway::RealtimeGateway(SioServer& sio, Database& db, asio::io_context& io, const Clock& clock)
    : nsp_(sio.of(kNamespace)), db_(db), io_(io), clock_(clock) {
  nsp_.on_connection([this](const std::shared_ptr<SioSocket>& socket) {
    socket->emit("connected", Json::array({Json{{"message", "Connected to IASTAM real-time server"},
                                                {"clientId", socket->id()},
                                                {"timestamp", format_iso8601(clock_.now())}}}));
  });
  nsp_.on("subscribe:sessions", [this](const std::shared_ptr<SioSocket>& socket, Json, const SioNamespace::Ack&) {
    socket->join("sessions");
    send_sessions(socket);
  });
  // The other rooms are joined like the reference does; their initial data is not sent yet.
  nsp_.on("subscribe:ambassadors", [](const std::shared_ptr<SioSocket>& socket, Json, const SioNamespace::Ack&) {
    socket->join("ambassadors");
  });
  nsp_.on("subscribe:travel-grants", [](const std::shared_ptr<SioSocket>& socket, Json, const SioNamespace::Ack&) {
    socket->join("travel-grants");
  });
  nsp_.on("unsubscribe", [](const std::shared_ptr<SioSocket>& socket, Json args, const SioNamespace::Ack&) {
    if (args.empty() || !args[0].is_object()) return;
    auto channel = args[0].find("channel");
    if (channel != args[0].end() && channel->is_string()) socket->leave(channel->get<std::string>());
  });
}

void RealtimeGateway::send_sessions(const std::shared_ptr<SioSocket>& socket) {
  // Read on a storage thread; the reply is queued from there (sends are thread-safe), so the I/O
  // thread never waits for SQLite.
  auto data = std::make_shared<Json>(Json::array());
  StorageJob job{[data](UnitOfWork& uow) {
                   PageRequest page;
                   page.limit = 100;
                   page.sort_by = "createdAt";
                   page.descending = true;
                   for (const auto& s : uow.sessions().list(SessionFilter{}, page).items)
                     data->push_back(to_json(s));
                   return true;
                 },
                 [this, data, socket](std::exception_ptr e) {
                   if (e) {
                     spdlog::warn("realtime: could not read the sessions for {}", socket->id());
                     return;
                   }
                   socket->emit("sessions:data", Json::array({Json{{"type", "initial"},
                                                                   {"data", std::move(*data)},
                                                                   {"timestamp", format_iso8601(clock_.now())}}}));
                 }};
  db_.read(std::move(job));
}

void RealtimeGateway::publish(const DomainEvent& event) {
  auto messages = std::make_shared<std::vector<RealtimeMessage>>(realtime_messages(event, clock_.now()));
  if (messages->empty()) return;
  asio::post(io_, [this, messages] {
    for (auto& m : *messages) {
      if (m.room) {
        nsp_.broadcast_to(*m.room, m.event, Json::array({std::move(m.payload)}));
      } else {
        nsp_.broadcast(m.event, Json::array({std::move(m.payload)}));
      }
    }
  });
}

}  // namespace admit
