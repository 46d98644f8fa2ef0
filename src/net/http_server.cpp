#include "net/http_server.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <cstdint>
#include <limits>

#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace admit {

using tcp = asio::ip::tcp;

class HttpServer::Connection {
 public:
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  // True while a request is being handled; an idle connection can be closed at once on stop.
  std::atomic<bool> busy{false};
};

namespace {

// Logs what escaped a coroutine instead of losing it (never `detached` silently).
auto log_failure(const char* what) {
  return [what](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("{}: {}", what, ex.what());
    }
  };
}

bool wants_continue(const HttpRequest& req) { return beast::iequals(req[bhttp::field::expect], "100-continue"); }

// After refusing a request whose body was not read: stop sending and discard what the client still
// sends, for a bounded time and amount, before closing. Closing a socket with unread data makes the
// kernel reset the connection, and a reset can destroy the refusal before the client has read it.
Task<void> drain(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream.expires_after(std::chrono::seconds(2));
  std::array<char, 16 * 1024> sink;
  for (std::size_t discarded = 0; !ec && discarded < 64 * 1024 * 1024;) {
    discarded += co_await stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, HttpPipeline& pipeline, HttpServerOptions options,
                       std::vector<TransportHook*> hooks)
    : io_(io), pipeline_(pipeline), options_(std::move(options)), hooks_(std::move(hooks)), acceptor_(io) {}

std::uint16_t HttpServer::start() {
  tcp::endpoint endpoint{asio::ip::make_address(options_.host), options_.port};
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(io_, accept_loop(), log_failure("accept loop"));
  return acceptor_.local_endpoint().port();
}

void HttpServer::stop() {
  if (stopping_.exchange(true)) return;
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  for (auto* hook : hooks_)
    hook->stop();
  std::lock_guard lock(connections_mutex_);
  for (const auto& c : connections_) {
    if (c->busy) continue;
    asio::post(c->stream.get_executor(), [c] { c->stream.socket().close(); });
  }
}

Task<void> HttpServer::accept_loop() {
  while (!stopping_) {
    beast::error_code ec;
    tcp::socket socket{asio::make_strand(io_)};
    co_await acceptor_.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    if (open_.load() >= options_.max_connections) {
      socket.close(ec);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto connection = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(connections_mutex_);
      connections_.insert(connection);
    }
    ++open_;
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, serve(connection), [this, connection](std::exception_ptr e) {
      log_failure("connection")(e);
      std::lock_guard lock(connections_mutex_);
      connections_.erase(connection);
      --open_;
    });
  }
}

Task<void> HttpServer::serve(std::shared_ptr<Connection> connection) {
  auto& stream = connection->stream;
  beast::flat_buffer buffer;
  beast::error_code ec;
  std::string client;
  {
    auto endpoint = stream.socket().remote_endpoint(ec);
    if (!ec) client = endpoint.address().to_string();
  }

  for (bool first = true; !stopping_; first = false) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // The route's body limit is only known once the target is read. Beast checks a declared
    // Content-Length against the limit while parsing the header, so none may apply before that
    // (its 1 MiB default would drop larger bodies for the bulk routes without an answer). Not
    // boost::none: Beast 1.74 compares the length with the optional and refuses every body then.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream.expires_after(first ? options_.header_timeout : options_.idle_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == bhttp::error::header_limit) {
      HttpRequest partial;
      auto res = pipeline_.refusal(ErrorKind::kPayloadTooLarge, "Request headers too large", partial);
      res.result(bhttp::status::request_header_fields_too_large);
      res.prepare_payload();
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      break;
    }
    if (ec) break;  // EOF, reset, timeout or garbage: nothing more to say on this connection
    connection->busy = true;

    const auto& header = parser.get();
    TransportHook* hook = nullptr;
    for (auto* h : hooks_)
      if (h->matches(header.target())) hook = h;
    std::size_t limit = hook ? hook->body_limit() : pipeline_.body_limit(header.method(), header.target());
    // A declared length is refused before reading; a chunked body when it grows past the limit.
    auto declared = parser.content_length();
    bool too_large = declared && *declared > limit;
    parser.body_limit(limit);
    if (!too_large && wants_continue(header)) {
      bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, header.version()};
      co_await bhttp::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    stream.expires_after(options_.body_timeout);
    if (!too_large) {
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    }
    if (too_large || ec == bhttp::error::body_limit) {
      auto res =
          pipeline_.refusal(ErrorKind::kPayloadTooLarge,
                            "request entity too large (limit " + std::to_string(limit) + " bytes)", parser.get());
      res.prepare_payload();
      co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      if (!ec) co_await drain(stream);
      break;
    }
    if (ec) break;

    HttpRequest request = parser.release();
    stream.expires_never();
    if (hook && beast::websocket::is_upgrade(request)) {
      // The connection becomes the hook's WebSocket; it stays counted (and busy) until that ends.
      // This frame lives as long: give back the read buffer (a client sends nothing before the 101).
      if (buffer.size() == 0) buffer.shrink_to_fit();
      co_await hook->take_websocket(stream, std::move(request));
      co_return;
    }
    // Not a conditional expression with two co_awaits: GCC 12 miscompiles that (the response was garbage).
    HttpResponse response;
    if (hook) {
      response = co_await hook->handle(request);
    } else {
      response = co_await pipeline_.handle(request, client);
    }
    bool keep_alive = request.keep_alive() && !stopping_;
    response.keep_alive(keep_alive);
    response.prepare_payload();
    stream.expires_after(options_.body_timeout);
    if (request.method() == bhttp::verb::head) {
      // A HEAD answer carries the headers of the GET answer (Content-Length included), never its body.
      bhttp::response_serializer<bhttp::string_body> serializer{response};
      co_await bhttp::async_write_header(stream, serializer, asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await bhttp::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    }
    connection->busy = false;
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

}  // namespace admit
