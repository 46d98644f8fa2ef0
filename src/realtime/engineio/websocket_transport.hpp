#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/asio.hpp"
#include "realtime/engineio/engine_session.hpp"
#include "realtime/engineio/websocket_frame.hpp"

namespace admit {

// The WebSocket under one Engine.IO session, after the HTTP upgrade (Beast answers the handshake;
// the frames are ours). A reader (the connection's coroutine) and a writer coroutine run on the
// socket's strand, so exactly one write is outstanding. The writer takes everything the session
// queued and sends it in one gathered write: per frame only its 2-10 byte header is written here,
// the payload is the broadcast's shared buffer. It sleeps on a timer; when the session queues into
// an idle writer it posts one handler to the strand, which writes at once what fits in the socket
// buffer (the usual case) and resumes the writer coroutine only for the rest: a short write, an
// error, a pong or the end of the connection. A broadcast to 10,000 idle sockets so costs one
// handler and one writev each, not also a timer cancellation and a coroutine resumption.
// Memory: an idle connection holds no read buffer (reads wait for readiness, then read into a
// per-thread buffer) and no write buffer.
class WebSocketTransport : public std::enable_shared_from_this<WebSocketTransport> {
 public:
  using Socket = asio::ip::tcp::socket;

  WebSocketTransport(Socket socket, std::size_t max_message);

  // The next text or binary message (pings are answered, pongs ignored); nullopt when the
  // connection ended: EOF, an error, the peer's close frame or a protocol violation.
  Task<std::optional<WsMessage>> read_message();
  // Sends one text frame at once; only before run() (the upgrade probe's "3probe").
  Task<bool> write_text(std::string_view text);
  // Ends a connection that never ran: a close frame (the peer's or the violation's code) and close.
  Task<void> close_unused();

  // Runs the writer, then reads frames into the session until the WebSocket ends. The session must
  // already hold this transport (attach_websocket/complete_upgrade).
  Task<void> run(std::shared_ptr<EngineSession> session);
  // Thread-safe: a frame is queued, or the session closed.
  void wake();
  // Thread-safe: drop the connection now (slow consumer).
  void abort();

 private:
  // What a short write left: the frames (their bytes stay alive) and how much of them went out.
  struct PartialWrite {
    std::vector<EngineSession::Outbound> batch;
    std::optional<std::string> pong;
    std::size_t written = 0;
  };

  Task<void> write_loop(std::shared_ptr<WebSocketTransport> self, std::shared_ptr<EngineSession> session);
  // On the strand, no write in flight: writes what is queued until the queue is empty (the session
  // then marks the writer idle), the socket buffer is full (partial_) or a write fails (ec).
  void flush_queued(EngineSession& session, beast::error_code& ec);
  // The posted wake: flush here if the writer sleeps, resume it when it has more to do.
  void on_wake();
  // The close frame to send: the violation's code, or the peer's (echoed), or normal closure.
  std::uint16_t close_code() const;
  // Both halves finish by waiting (bounded) for the other one; the first to finish closes the
  // socket if the other is stuck.
  Task<void> linger_for_other_half(bool other_done);
  // Reads what the socket has into the frame reader; the close code of a protocol violation.
  std::optional<std::uint16_t> read_available(beast::error_code& ec);

  Socket socket_;
  asio::steady_timer signal_;  // the writer's sleep
  asio::steady_timer linger_;  // bounds the close handshake
  WsFrameReader reader_;
  std::vector<WsMessage> ready_;  // parsed, not yet returned by read_message
  std::size_t ready_next_ = 0;
  std::optional<std::string> pong_;  // a ping's payload to answer
  std::optional<std::uint16_t> protocol_error_;
  std::optional<std::uint16_t> peer_close_;
  bool reader_done_ = false;
  bool writer_done_ = false;
  // Set while the writer sleeps on signal_ with nothing in flight; the session it serves is alive
  // as long as write_loop runs (it holds the shared_ptr).
  bool writer_parked_ = false;
  EngineSession* writer_session_ = nullptr;
  std::optional<PartialWrite> partial_;
  beast::error_code write_error_;  // a failed write done by on_wake, for the writer to act on
};

}  // namespace admit
