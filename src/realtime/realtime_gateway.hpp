#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/event_sink.hpp"
#include "realtime/realtime_messages.hpp"
#include "realtime/socketio/sio_server.hpp"
#include "storage/database.hpp"

namespace admit {

// The reference's /realtime namespace: the `connected` greeting, the subscribe/unsubscribe
// messages, and committed domain events turned into the contract's events (realtime_messages).
// Every read runs as a storage job; its reply is sent from the storage thread (sends are
// thread-safe) and room fan-outs are posted to the I/O threads.
class RealtimeGateway : public EventSink {
 public:
  static constexpr const char* kNamespace = "/realtime";

  // Registers the namespace's handlers on `sio` (before serving).
  RealtimeGateway(SioServer& sio, Database& db, asio::io_context& io, const Clock& clock);

  // From the storage writer thread: the fan-out is posted to the I/O threads.
  void publish(const DomainEvent& event) override;

 private:
  // Reads the payload on a storage thread and emits it, with a timestamp added, to `socket` as
  // `event`. When the read finds nothing or fails: `error` {message: failure} if a failure message
  // is given, else only a log line.
  using Read = std::function<std::optional<Json>(UnitOfWork&)>;
  // `pattern` is the client's message (the `exception` event's cause when the read fails and no
  // failure message is given).
  void reply(const std::shared_ptr<SioSocket>& socket, std::string pattern, std::string event, Read read,
             std::string failure = {});
  // subscribe:ambassador-detail and subscribe:travel-grant-detail: `key` names the id in the
  // payload, the socket joins `room_prefix` + id and `detail` reads the reply.
  using Detail = std::optional<Json> (*)(UnitOfWork&, const std::string&);
  void subscribe_detail(const std::shared_ptr<SioSocket>& socket, const Json& args, const char* key,
                        const std::string& room_prefix, std::string event, Detail detail, std::string failure);

  void broadcast(std::vector<RealtimeMessage> messages);
  // Score changes wait for one leaderboard read (coalescing those that arrive meanwhile), which
  // gives their rank and the `ambassadors:leaderboard` refresh.
  void queue_leaderboard_refresh(const AmbassadorScoreChanged& event);
  void refresh_leaderboard();
  void queue_travel_grant_stats_refresh();
  void refresh_travel_grant_stats();

  SioNamespace& nsp_;
  Database& db_;
  asio::io_context& io_;
  const Clock& clock_;

  std::mutex refresh_mutex_;
  std::vector<AmbassadorScoreChanged> pending_scores_;  // guarded by refresh_mutex_
  bool leaderboard_read_queued_ = false;                // guarded by refresh_mutex_
  bool stats_read_queued_ = false;                      // guarded by refresh_mutex_
};

}  // namespace admit
