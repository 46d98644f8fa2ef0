#include "realtime/engineio/websocket_transport.hpp"

#include <spdlog/spdlog.h>

#include <array>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>

namespace admit {

namespace {

// How long a closing connection waits for the other half (the peer's close frame, or a write the
// peer does not read) before the socket is closed under it.
constexpr auto kCloseLinger = std::chrono::seconds(5);

// One gathered write: each frame's header in `headers`, its payload the shared (broadcast) bytes.
void gather(const std::optional<std::string>& pong, const std::vector<EngineSession::Outbound>& batch,
            std::vector<WsFrameHeader>& headers, std::vector<asio::const_buffer>& buffers) {
  headers.clear();
  buffers.clear();
  headers.reserve(batch.size() + 1);  // the buffers point into it: no reallocation after this
  buffers.reserve(2 * (batch.size() + 1));
  if (pong) {
    headers.push_back(ws_frame_header(WsOpcode::kPong, pong->size()));
    buffers.push_back(asio::buffer(headers.back().view()));
    buffers.push_back(asio::buffer(*pong));
  }
  for (const auto& frame : batch) {
    headers.push_back(ws_frame_header(frame.binary ? WsOpcode::kBinary : WsOpcode::kText, frame.bytes->size()));
    buffers.push_back(asio::buffer(headers.back().view()));
    buffers.push_back(asio::buffer(*frame.bytes));
  }
}

}  // namespace

WebSocketTransport::WebSocketTransport(Socket socket, std::size_t max_message)
    : socket_(std::move(socket)),
      signal_(socket_.get_executor()),
      linger_(socket_.get_executor()),
      reader_(max_message) {
  beast::error_code ec;
  // Reads wait for readiness and then read what is there without blocking.
  socket_.non_blocking(true, ec);
}

void WebSocketTransport::wake() {
  auto self = shared_from_this();
  asio::post(socket_.get_executor(), [self] { self->on_wake(); });
}

void WebSocketTransport::on_wake() {
  if (writer_parked_ && !partial_ && writer_session_ != nullptr && !write_error_) {
    flush_queued(*writer_session_, write_error_);
    // Nothing left for the writer: it sleeps on, and the session wakes it again with the next frame.
    if (!write_error_ && !partial_ && !reader_done_ && !writer_session_->closed()) return;
  }
  writer_parked_ = false;
  signal_.cancel();
}

void WebSocketTransport::flush_queued(EngineSession& session, beast::error_code& ec) {
  // Scratch for the gathered write, used only within this call (no suspension): per thread, so
  // that neither a broadcast allocates them per socket nor an idle connection holds them.
  static thread_local std::vector<WsFrameHeader> headers;
  static thread_local std::vector<asio::const_buffer> buffers;
  while (true) {
    std::vector<EngineSession::Outbound> batch;
    // No data after the peer's close frame or a protocol violation: only the close frame follows.
    if (!peer_close_ && !protocol_error_) session.take_outbound(batch);
    std::optional<std::string> pong = std::move(pong_);
    pong_.reset();
    if (batch.empty() && !pong) return;
    gather(pong, batch, headers, buffers);
    // The socket is non-blocking: what does not fit now is left to the writer's asynchronous write.
    std::size_t total = asio::buffer_size(buffers);
    std::size_t written = socket_.write_some(buffers, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      ec = {};
      written = 0;
    }
    if (ec) return;
    if (written < total) {
      partial_ = PartialWrite{std::move(batch), std::move(pong), written};
      return;
    }
  }
}

void WebSocketTransport::abort() {
  auto self = shared_from_this();
  asio::post(socket_.get_executor(), [self] {
    beast::error_code ec;
    self->socket_.shutdown(Socket::shutdown_both, ec);
    self->socket_.close(ec);
    self->signal_.cancel();
  });
}

std::uint16_t WebSocketTransport::close_code() const {
  if (protocol_error_) return *protocol_error_;
  if (peer_close_ && *peer_close_ != 1005) return *peer_close_;
  return kWsCloseNormal;
}

std::optional<std::uint16_t> WebSocketTransport::read_available(beast::error_code& ec) {
  // One buffer per thread instead of one per connection: 10,000 idle connections hold none.
  // Used only between suspension points (a coroutine may resume on another thread).
  static thread_local std::array<char, 64 * 1024> buffer;
  std::size_t n = socket_.read_some(asio::buffer(buffer), ec);
  if (ec) return std::nullopt;
  return reader_.feed(std::string_view(buffer.data(), n), ready_);
}

Task<std::optional<WsMessage>> WebSocketTransport::read_message() {
  beast::error_code ec;
  while (true) {
    while (ready_next_ < ready_.size()) {
      WsMessage message = std::move(ready_[ready_next_++]);
      if (ready_next_ == ready_.size()) {
        ready_.clear();
        ready_next_ = 0;
      }
      switch (message.opcode) {
        case WsOpcode::kPing:
          pong_ = std::move(message.payload);
          signal_.cancel();  // the writer answers it
          continue;
        case WsOpcode::kPong:
          continue;
        case WsOpcode::kClose:
          peer_close_ = message.close_code;
          co_return std::nullopt;
        default:
          co_return message;
      }
    }
    if (protocol_error_ || peer_close_) co_return std::nullopt;
    co_await socket_.async_wait(Socket::wait_read, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return std::nullopt;
    auto violation = read_available(ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) continue;
    if (ec) co_return std::nullopt;  // EOF or reset
    // Messages before the violation are still delivered; then the connection ends.
    if (violation) protocol_error_ = violation;
  }
}

Task<bool> WebSocketTransport::write_text(std::string_view text) {
  auto header = ws_frame_header(WsOpcode::kText, text.size());
  std::array<asio::const_buffer, 2> buffers{asio::buffer(header.view()), asio::buffer(text)};
  beast::error_code ec;
  co_await asio::async_write(socket_, buffers, asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

Task<void> WebSocketTransport::close_unused() {
  beast::error_code ec;
  if (socket_.is_open()) {
    auto frame = ws_close_frame(close_code());
    co_await asio::async_write(socket_, asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
  }
  socket_.shutdown(Socket::shutdown_both, ec);
  socket_.close(ec);
}

Task<void> WebSocketTransport::linger_for_other_half(bool other_done) {
  if (other_done) {
    linger_.cancel();  // the other half may be waiting for this one
    co_return;
  }
  beast::error_code ec;
  linger_.expires_after(kCloseLinger);
  co_await linger_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) {
    // The other half is stuck (a peer that neither reads nor closes): end it.
    socket_.shutdown(Socket::shutdown_both, ec);
    socket_.close(ec);
    signal_.cancel();
  }
}

Task<void> WebSocketTransport::write_loop(std::shared_ptr<WebSocketTransport> self,
                                          std::shared_ptr<EngineSession> session) {
  beast::error_code ec;
  writer_session_ = session.get();
  while (true) {
    if (write_error_) {
      ec = write_error_;
      break;
    }
    if (!partial_) flush_queued(*session, ec);
    if (ec) break;
    if (partial_) {
      // The rest of a short write (here or in on_wake), before anything queued after it.
      PartialWrite rest = std::move(*partial_);
      std::vector<WsFrameHeader> headers;
      std::vector<asio::const_buffer> buffers;
      gather(rest.pong, rest.batch, headers, buffers);
      beast::buffers_suffix<std::vector<asio::const_buffer>> unsent(buffers);
      unsent.consume(rest.written);
      co_await asio::async_write(socket_, unsent, asio::redirect_error(asio::use_awaitable, ec));
      partial_.reset();  // only now: on_wake must not write while this is in flight
      if (ec) break;
      continue;
    }
    if (reader_done_ || session->closed()) break;
    signal_.expires_at(asio::steady_timer::time_point::max());
    writer_parked_ = true;
    co_await signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    writer_parked_ = false;
    ec = {};
  }
  writer_parked_ = false;
  writer_session_ = nullptr;
  if (!ec && socket_.is_open()) {
    auto frame = ws_close_frame(close_code());
    co_await asio::async_write(socket_, asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
  }
  writer_done_ = true;
  co_await linger_for_other_half(reader_done_);
  (void)self;
}

Task<void> WebSocketTransport::run(std::shared_ptr<EngineSession> session) {
  auto self = shared_from_this();
  asio::co_spawn(socket_.get_executor(), write_loop(self, session), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("websocket writer: {}", ex.what());
    }
  });
  while (true) {
    auto message = co_await read_message();
    if (!message) break;
    if (message->opcode == WsOpcode::kBinary) {
      session->on_packet(decode_eio_binary_frame(message->payload));
      continue;
    }
    auto packet = decode_eio_packet(message->payload);
    if (!packet) {
      session->close("parse error");
      break;
    }
    session->on_packet(*packet);
  }
  session->on_websocket_closed(this);
  reader_done_ = true;
  signal_.cancel();  // the writer sends the close frame and finishes
  co_await linger_for_other_half(writer_done_);
}

}  // namespace admit
