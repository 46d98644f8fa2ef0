#include "realtime/engineio/engine_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "http/cors_policy.hpp"
#include "http/json.hpp"
#include "http/query_string.hpp"
#include "realtime/engineio/websocket_transport.hpp"

namespace admit {

struct EngineServer::Query {
  std::string eio;
  std::string transport;
  std::string sid;
};

namespace {

std::string query_value(const Json& query, const char* key) {
  auto it = query.find(key);
  if (it == query.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  return "\x01";  // given twice: matches nothing valid
}

const char* refusal_message(int code) {
  switch (code) {
    case 0:
      return "Transport unknown";
    case 1:
      return "Session ID unknown";
    case 2:
      return "Bad handshake method";
    case 3:
      return "Bad request";
    case 4:
      return "Forbidden";
    default:
      return "Unsupported protocol version";
  }
}

}  // namespace

EngineServer::EngineServer(asio::io_context& io, RandomSource& random, EngineOptions options,
                           OnConnection on_connection)
    : io_(io), random_(random), options_(std::move(options)), on_connection_(std::move(on_connection)) {}

std::size_t EngineServer::session_count() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

bool EngineServer::matches(std::string_view target) const {
  auto path = target.substr(0, target.find('?'));
  // "/socket.io/" and "/socket.io" both belong to the endpoint.
  std::string_view base = options_.path;
  if (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return path == base || path.substr(0, base.size() + 1) == options_.path;
}

std::string EngineServer::new_sid() {
  // base64id: 15 random bytes in URL-safe base64, 20 characters.
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string sid;
  std::uint64_t bits = 0;
  for (int i = 0; i < 20; ++i) {
    if (i % 10 == 0) bits = random_.next_u64();
    sid += kAlphabet[bits & 63];
    bits >>= 6;
  }
  return sid;
}

std::string EngineServer::open_packet(const std::string& sid, bool can_upgrade) const {
  Json open = Json::object();
  open["sid"] = sid;
  open["upgrades"] = can_upgrade ? Json::array({"websocket"}) : Json::array();
  open["pingInterval"] = options_.ping_interval.count();
  open["pingTimeout"] = options_.ping_timeout.count();
  open["maxPayload"] = options_.max_payload;
  return dump_json(open);
}

std::shared_ptr<EngineSession> EngineServer::open_session(EngineSession::Transport transport, std::string cookie) {
  auto session = std::make_shared<EngineSession>(io_, new_sid(), transport, options_);
  session->set_handshake_cookie(std::move(cookie));
  bool can_upgrade = transport == EngineSession::Transport::kPolling;
  session->send(EioPacket{EioPacketType::kOpen, open_packet(session->sid(), can_upgrade)});
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return nullptr;
    sessions_[session->sid()] = session;
  }
  session->on_closed_ = [this](const std::string& sid) {
    std::lock_guard lock(mutex_);
    sessions_.erase(sid);
  };
  session->set_listener(on_connection_(session));
  session->start();
  return session;
}

std::string EngineServer::trusted_cookie(const HttpRequest& request) const {
  // Dropped, not refused: the connection may still authenticate with auth.token. The conformance
  // server (no CORS list) has no credentials to protect.
  if (options_.cors != nullptr && !options_.cors->is_own_or_allowed_origin(request)) return {};
  return std::string(request[bhttp::field::cookie]);
}

std::shared_ptr<EngineSession> EngineServer::find(const std::string& sid) const {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(sid);
  return it == sessions_.end() ? nullptr : it->second;
}

void EngineServer::stop() {
  std::map<std::string, std::shared_ptr<EngineSession>> sessions;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    sessions = sessions_;
  }
  for (auto& [sid, session] : sessions)
    session->close("server shutting down");
}

HttpResponse EngineServer::text(const HttpRequest& request, std::string body, const char* content_type) const {
  HttpResponse res{bhttp::status::ok, request.version()};
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::cache_control, "no-store");
  // Browsers poll from the dashboard's origin with credentials: the configured origins, as the
  // reference's Socket.IO server (any origin for the conformance server, which has no list).
  auto origin = request[bhttp::field::origin];
  if (!origin.empty() && (options_.cors == nullptr || options_.cors->allows(origin))) {
    res.set(bhttp::field::access_control_allow_origin, origin);
    res.set(bhttp::field::access_control_allow_credentials, "true");
  }
  if (options_.cors != nullptr) res.set(bhttp::field::vary, "Origin");
  res.body() = std::move(body);
  return res;
}

HttpResponse EngineServer::refuse(Refusal refusal, const HttpRequest& request) const {
  int code = static_cast<int>(refusal);
  auto res = text(request, dump_json(Json{{"code", code}, {"message", refusal_message(code)}}), "application/json");
  res.result(bhttp::status::bad_request);
  return res;
}

Task<HttpResponse> EngineServer::handle(HttpRequest request) {
  auto target = request.target();
  auto qmark = target.find('?');
  Json query = parse_query_string(qmark == std::string_view::npos ? std::string_view{} : target.substr(qmark + 1));
  Query q{query_value(query, "EIO"), query_value(query, "transport"), query_value(query, "sid")};

  if (request.method() == bhttp::verb::options) {
    auto res = text(request, "", "text/plain");
    res.result(bhttp::status::no_content);
    if (res.find(bhttp::field::access_control_allow_origin) != res.end()) {
      res.set(bhttp::field::access_control_allow_methods, "GET,POST");
      res.set(bhttp::field::access_control_allow_headers, request[bhttp::field::access_control_request_headers]);
    }
    co_return res;
  }
  if (q.eio != "4") co_return refuse(Refusal::kBadVersion, request);
  if (q.transport != "polling" && q.transport != "websocket") co_return refuse(Refusal::kUnknownTransport, request);
  // A WebSocket transport needs an upgrade request, which never reaches this function.
  if (q.transport != "polling") co_return refuse(Refusal::kBadRequest, request);

  if (q.sid.empty()) {
    if (request.method() != bhttp::verb::get) co_return refuse(Refusal::kBadHandshakeMethod, request);
    auto session = open_session(EngineSession::Transport::kPolling, trusted_cookie(request));
    if (!session) co_return refuse(Refusal::kBadRequest, request);
    // The first GET answers the open packet at once (poll returns what is queued).
    auto body = co_await session->poll();
    co_return text(request, body.value_or("6"), "text/plain; charset=UTF-8");
  }

  auto session = find(q.sid);
  if (!session) co_return refuse(Refusal::kUnknownSid, request);
  if (request.method() == bhttp::verb::get) {
    auto body = co_await session->poll();
    if (!body) {
      // A second GET in flight, or a session that moved to WebSocket.
      if (session->transport() == EngineSession::Transport::kPolling) session->close("bad request");
      co_return refuse(Refusal::kBadRequest, request);
    }
    co_return text(request, std::move(*body), "text/plain; charset=UTF-8");
  }
  if (request.method() == bhttp::verb::post) {
    if (!session->receive_payload(request.body())) co_return refuse(Refusal::kBadRequest, request);
    co_return text(request, "ok", "text/html");
  }
  co_return refuse(Refusal::kBadRequest, request);
}

Task<std::shared_ptr<WebSocketTransport>> EngineServer::accept_websocket(beast::tcp_stream& stream,
                                                                         HttpRequest request) {
  // Beast answers the handshake; the frames are then ours (WebSocketTransport). Its stream lives
  // only in this coroutine's frame, so none of its buffers stay with the connection.
  beast::websocket::stream<beast::tcp_stream&> ws(stream);
  ws.set_option(
      beast::websocket::stream_base::timeout{std::chrono::seconds(30), beast::websocket::stream_base::none(), false});
  // Never negotiated: the transport writes uncompressed frames (the reference's default too).
  beast::websocket::permessage_deflate deflate;
  deflate.server_enable = false;
  ws.set_option(deflate);
  beast::error_code ec;
  co_await ws.async_accept(request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return nullptr;
  co_return std::make_shared<WebSocketTransport>(stream.release_socket(), options_.max_payload);
}

Task<bool> EngineServer::probe_upgrade(std::shared_ptr<WebSocketTransport> transport,
                                       std::shared_ptr<EngineSession> session) {
  // "2probe" -> "3probe", the pending GET gets a noop, then "5"; all within upgradeTimeout.
  asio::steady_timer deadline(co_await asio::this_coro::executor);
  deadline.expires_after(options_.upgrade_timeout);
  std::weak_ptr<WebSocketTransport> weak = transport;
  deadline.async_wait([weak](const beast::error_code& ec) {
    if (ec) return;
    if (auto t = weak.lock()) t->abort();
  });
  bool upgraded = false;
  bool probed = false;
  while (!upgraded) {
    auto message = co_await transport->read_message();
    if (!message || message->opcode != WsOpcode::kText) break;
    auto packet = decode_eio_packet(message->payload);
    if (!packet) break;
    if (packet->type == EioPacketType::kPing && packet->data == "probe" && !probed) {
      if (!session->begin_upgrade()) break;
      probed = true;
      bool written = co_await transport->write_text("3probe");
      if (!written) break;
    } else if (packet->type == EioPacketType::kUpgrade && probed) {
      upgraded = session->complete_upgrade(transport);
    } else if (packet->type != EioPacketType::kNoop) {
      break;
    }
  }
  deadline.cancel();
  co_return upgraded;
}

Task<void> EngineServer::take_websocket(beast::tcp_stream& stream, HttpRequest request) {
  std::optional<Refusal> refusal;
  std::shared_ptr<EngineSession> session;
  {
    auto target = request.target();
    auto qmark = target.find('?');
    Json query = parse_query_string(qmark == std::string_view::npos ? std::string_view{} : target.substr(qmark + 1));
    Query q{query_value(query, "EIO"), query_value(query, "transport"), query_value(query, "sid")};
    if (q.eio != "4") {
      refusal = Refusal::kBadVersion;
    } else if (q.transport != "websocket") {
      refusal = q.transport == "polling" ? Refusal::kBadRequest : Refusal::kUnknownTransport;
    } else if (!q.sid.empty()) {
      session = find(q.sid);
      if (!session)
        refusal = Refusal::kUnknownSid;
      else if (session->transport() != EngineSession::Transport::kPolling)
        refusal = Refusal::kBadRequest;
    }
  }
  if (refusal) {
    beast::error_code ec;
    auto res = refuse(*refusal, request);
    res.keep_alive(false);
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    stream.socket().close(ec);
    co_return;
  }

  std::string cookie = trusted_cookie(request);
  auto transport = co_await accept_websocket(stream, std::move(request));
  if (!transport) co_return;
  if (!session) {
    session = open_session(EngineSession::Transport::kWebSocket, std::move(cookie));
    if (!session) co_return;
    session->attach_websocket(transport);
    co_await transport->run(session);
    co_return;
  }
  bool upgraded = co_await probe_upgrade(transport, session);
  if (!upgraded) {
    session->on_websocket_closed(transport.get());
    co_await transport->close_unused();
    co_return;
  }
  co_await transport->run(session);
}

}  // namespace admit
