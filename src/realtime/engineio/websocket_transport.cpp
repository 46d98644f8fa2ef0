#include "realtime/engineio/websocket_transport.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>

namespace admit {

WebSocketTransport::WebSocketTransport(beast::tcp_stream&& stream)
    : ws_(std::move(stream)), signal_(ws_.get_executor()) {}

void WebSocketTransport::wake() {
  auto self = shared_from_this();
  asio::post(ws_.get_executor(), [self] { self->signal_.cancel(); });
}

void WebSocketTransport::abort() {
  auto self = shared_from_this();
  asio::post(ws_.get_executor(), [self] {
    beast::error_code ec;
    beast::get_lowest_layer(self->ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    beast::get_lowest_layer(self->ws_).socket().close(ec);
    self->signal_.cancel();
  });
}

Task<void> WebSocketTransport::write_loop(std::shared_ptr<WebSocketTransport> self,
                                          std::shared_ptr<EngineSession> session) {
  beast::error_code ec;
  while (true) {
    EngineSession::Outbound next;
    if (!session->next_outbound(next)) {
      if (session->closed()) break;
      // Nothing to send: sleep until the session queues a frame (wake) or closes.
      signal_.expires_at(asio::steady_timer::time_point::max());
      co_await signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    ws_.text(!next.binary);
    co_await ws_.async_write(asio::buffer(*next.bytes), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  if (!ec && ws_.is_open()) {
    co_await ws_.async_close(beast::websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ec));
  }
  writer_done_ = true;
  (void)self;
}

Task<void> WebSocketTransport::run(std::shared_ptr<EngineSession> session) {
  auto self = shared_from_this();
  asio::co_spawn(ws_.get_executor(), write_loop(self, session), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("websocket writer: {}", ex.what());
    }
  });
  beast::error_code ec;
  while (true) {
    beast::flat_buffer buffer;
    co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    auto bytes = beast::buffers_to_string(buffer.data());
    if (ws_.got_binary()) {
      session->on_packet(decode_eio_binary_frame(bytes));
      continue;
    }
    auto packet = decode_eio_packet(bytes);
    if (!packet) {
      session->close("parse error");
      break;
    }
    session->on_packet(*packet);
  }
  session->on_websocket_closed(this);
  // Let the writer finish (it sees the closed session) before the stream goes away.
  signal_.cancel();
  if (!writer_done_) {
    beast::get_lowest_layer(ws_).socket().close(ec);
  }
}

}  // namespace admit
