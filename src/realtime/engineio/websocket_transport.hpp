#pragma once

#include <memory>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "http/asio.hpp"
#include "realtime/engineio/engine_session.hpp"

namespace admit {

// The WebSocket under one Engine.IO session: a reader (the connection's coroutine) and a writer
// coroutine on the connection's strand, so that exactly one write is outstanding; the writer sleeps
// on a timer that the session cancels (through a post) when it queues a frame.
class WebSocketTransport : public std::enable_shared_from_this<WebSocketTransport> {
 public:
  using Stream = beast::websocket::stream<beast::tcp_stream>;

  explicit WebSocketTransport(beast::tcp_stream&& stream);

  Stream& stream() { return ws_; }
  // Runs the writer, then reads frames into the session until the WebSocket ends. The session must
  // already hold this transport (attach_websocket/complete_upgrade).
  Task<void> run(std::shared_ptr<EngineSession> session);
  // Thread-safe: a frame is queued, or the session closed.
  void wake();
  // Thread-safe: drop the connection now (slow consumer).
  void abort();

 private:
  Task<void> write_loop(std::shared_ptr<WebSocketTransport> self, std::shared_ptr<EngineSession> session);

  Stream ws_;
  asio::steady_timer signal_;
  bool writer_done_ = false;
};

}  // namespace admit
