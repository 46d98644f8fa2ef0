#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "realtime/engineio/engine_listener.hpp"
#include "realtime/engineio/engine_session.hpp"
#include "realtime/socketio/sio_socket.hpp"
#include "realtime/socketio/socketio_packet.hpp"

namespace admit {

class SioServer;

// The Socket.IO side of one Engine.IO session: the namespaces it joined, a binary packet waiting
// for its attachments, and the connect timeout. Any malformed packet closes the whole session.
class SioClient : public EngineListener, public std::enable_shared_from_this<SioClient> {
 public:
  SioClient(SioServer& server, std::shared_ptr<EngineSession> engine);

  // Arms the connect timeout: a session that joins no namespace in time is closed.
  void start();
  void on_message(EioPacket packet) override;
  void on_close(std::string_view reason) override;

 private:
  void on_packet(SioPacket packet);
  void connect(SioPacket& packet);
  void fail(const char* why);

  SioServer& server_;
  std::shared_ptr<EngineSession> engine_;
  asio::steady_timer connect_timer_;
  std::mutex mutex_;
  bool connected_once_ = false;
  std::map<std::string, std::shared_ptr<SioSocket>> sockets_;  // by namespace
  std::optional<SioPacket> partial_;                           // a BINARY_* header
  std::vector<std::string> buffers_;                           // its attachments so far
};

}  // namespace admit
