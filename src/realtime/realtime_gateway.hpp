#pragma once

#include <boost/asio/io_context.hpp>

#include "domain/clock.hpp"
#include "domain/event_sink.hpp"
#include "realtime/socketio/sio_server.hpp"
#include "storage/database.hpp"

namespace admit {

// The reference's /realtime namespace: the `connected` greeting, the subscribe/unsubscribe
// messages, and committed domain events turned into the contract's events (realtime_messages).
class RealtimeGateway : public EventSink {
 public:
  static constexpr const char* kNamespace = "/realtime";

  // Registers the namespace's handlers on `sio` (before serving).
  RealtimeGateway(SioServer& sio, Database& db, asio::io_context& io, const Clock& clock);

  // From the storage writer thread: the fan-out is posted to the I/O threads.
  void publish(const DomainEvent& event) override;

 private:
  void send_sessions(const std::shared_ptr<SioSocket>& socket);

  SioNamespace& nsp_;
  Database& db_;
  asio::io_context& io_;
  const Clock& clock_;
};

}  // namespace admit
