#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "http/asio.hpp"
#include "realtime/engineio/engine_listener.hpp"
#include "realtime/engineio/engine_options.hpp"
#include "realtime/engineio/engineio_packet.hpp"

namespace admit {

class WebSocketTransport;

// One Engine.IO connection, whichever transport carries it (long-polling, then maybe a WebSocket).
// Thread-safe: sends come from any thread (broadcasts from the storage thread's fan-out), requests
// from the connections' strands; a mutex guards the state and the outbound queue. Only the
// heartbeat runs on the session's own strand.
class EngineSession : public std::enable_shared_from_this<EngineSession> {
 public:
  // An outbound Engine.IO packet already encoded: the text frame ("4...") or, when `binary`, the raw
  // bytes of a binary message. Shared so that a broadcast is encoded once for every recipient.
  using Frame = std::shared_ptr<const std::string>;
  struct Outbound {
    Frame bytes;
    bool binary = false;
  };
  enum class Transport { kPolling, kWebSocket };

  EngineSession(asio::io_context& io, std::string sid, Transport transport, const EngineOptions& options);
  ~EngineSession();

  const std::string& sid() const { return sid_; }
  // The Cookie header of the request that opened the session: Socket.IO's CONNECT may be
  // authenticated by the web UI's session cookie instead of a token in its payload.
  const std::string& handshake_cookie() const { return handshake_cookie_; }
  void set_handshake_cookie(std::string cookie) { handshake_cookie_ = std::move(cookie); }
  // The strand of the session's timers, for upper layers' timers (Socket.IO's connect timeout).
  asio::strand<asio::io_context::executor_type>& strand() { return strand_; }

  void set_listener(std::shared_ptr<EngineListener> listener);
  // Starts the heartbeat; the open packet must already be queued.
  void start();

  // Queue a packet (false when the session is closed or was just dropped as a slow consumer).
  bool send(const EioPacket& packet);
  bool send_frame(Frame text_frame);
  bool send_binary(std::string bytes);
  // Closes the session (server side): polling answers the pending GET with a close packet, a
  // WebSocket is closed. `on_close(reason)` is called once.
  void close(std::string reason);
  bool closed() const;
  Transport transport() const;

  // Long-polling: the body for a GET, waiting for packets up to about pingInterval; nullopt when a
  // GET is already pending or the session no longer polls (both answered 400).
  Task<std::optional<std::string>> poll();
  // Long-polling: a POSTed payload; false when it was malformed or a POST was already in flight
  // (the session is then closed; answered 400).
  bool receive_payload(std::string_view body);

  // WebSocket transport (called by WebSocketTransport on its strand).
  void on_packet(const EioPacket& packet);
  bool begin_upgrade();  // a probe arrived: release the pending GET with a noop
  bool complete_upgrade(std::shared_ptr<WebSocketTransport> ws);
  void attach_websocket(std::shared_ptr<WebSocketTransport> ws);
  void on_websocket_closed(const WebSocketTransport* ws);
  // Everything queued, for the WebSocket writer's next write (appended to `out`); false when there
  // is nothing, and the writer counts as idle: the next send wakes it (one post per burst).
  bool take_outbound(std::vector<Outbound>& out);

 private:
  Task<void> heartbeat(std::shared_ptr<EngineSession> self);
  bool enqueue(Outbound outbound);  // false if dropped
  void wake_get_locked();
  void close_locked(std::unique_lock<std::mutex>& lock, std::string reason, bool answer_get_with_noop);

  asio::io_context& io_;
  const std::string sid_;
  std::string handshake_cookie_;
  const EngineOptions& options_;
  asio::strand<asio::io_context::executor_type> strand_;
  asio::steady_timer heartbeat_timer_;  // only touched on strand_

  mutable std::mutex mutex_;
  Transport transport_;
  bool closed_ = false;
  bool upgrading_ = false;
  bool awaiting_pong_ = false;
  std::vector<Outbound> queue_;  // a vector: an empty one holds no memory (a deque holds 512 bytes)
  std::size_t queued_bytes_ = 0;
  bool ws_writer_idle_ = false;  // the WebSocket writer found the queue empty and sleeps
  // The parked GET: a timer on its connection's strand, cancelled (through a post) to wake it.
  std::shared_ptr<asio::steady_timer> get_waker_;
  bool get_pending_ = false;
  bool post_pending_ = false;
  bool noop_for_get_ = false;   // answer the parked GET with a noop (upgrade started, or client close)
  bool close_for_get_ = false;  // answer the parked GET with a close packet
  std::shared_ptr<WebSocketTransport> ws_;
  std::shared_ptr<EngineListener> listener_;
  std::function<void(const std::string&)> on_closed_;

  friend class EngineServer;
};

}  // namespace admit
