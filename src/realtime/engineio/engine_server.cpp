#include "realtime/engineio/engine_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

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

std::shared_ptr<EngineSession> EngineServer::open_session(EngineSession::Transport transport) {
  auto session = std::make_shared<EngineSession>(io_, new_sid(), transport, options_);
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
  // Browsers poll from the dashboard's origin with credentials (the reference allows them).
  if (auto origin = request[bhttp::field::origin]; !origin.empty()) {
    res.set(bhttp::field::access_control_allow_origin, origin);
    res.set(bhttp::field::access_control_allow_credentials, "true");
  }
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
    res.set(bhttp::field::access_control_allow_methods, "GET,POST");
    res.set(bhttp::field::access_control_allow_headers, request[bhttp::field::access_control_request_headers]);
    co_return res;
  }
  if (q.eio != "4") co_return refuse(Refusal::kBadVersion, request);
  if (q.transport != "polling" && q.transport != "websocket") co_return refuse(Refusal::kUnknownTransport, request);
  // A WebSocket transport needs an upgrade request, which never reaches this function.
  if (q.transport != "polling") co_return refuse(Refusal::kBadRequest, request);

  if (q.sid.empty()) {
    if (request.method() != bhttp::verb::get) co_return refuse(Refusal::kBadHandshakeMethod, request);
    auto session = open_session(EngineSession::Transport::kPolling);
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

Task<void> EngineServer::take_websocket(beast::tcp_stream& stream, HttpRequest request) {
  auto target = request.target();
  auto qmark = target.find('?');
  Json query = parse_query_string(qmark == std::string_view::npos ? std::string_view{} : target.substr(qmark + 1));
  Query q{query_value(query, "EIO"), query_value(query, "transport"), query_value(query, "sid")};

  std::optional<Refusal> refusal;
  std::shared_ptr<EngineSession> session;
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
  beast::error_code ec;
  if (refusal) {
    auto res = refuse(*refusal, request);
    res.keep_alive(false);
    res.prepare_payload();
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    stream.socket().close(ec);
    co_return;
  }

  auto transport = std::make_shared<WebSocketTransport>(std::move(stream));
  auto& ws = transport->stream();
  ws.read_message_max(options_.max_payload);
  ws.set_option(
      beast::websocket::stream_base::timeout{std::chrono::seconds(30), beast::websocket::stream_base::none(), false});
  co_await ws.async_accept(request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;

  if (!session) {
    session = open_session(EngineSession::Transport::kWebSocket);
    if (!session) co_return;
    session->attach_websocket(transport);
    co_await transport->run(session);
    co_return;
  }

  // Upgrade from polling: "2probe" -> "3probe", the pending GET gets a noop, then "5".
  auto& lowest = beast::get_lowest_layer(ws);
  lowest.expires_after(options_.upgrade_timeout);
  bool upgraded = false;
  bool probed = false;
  while (!upgraded) {
    beast::flat_buffer buffer;
    co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || ws.got_binary()) break;
    auto packet = decode_eio_packet(beast::buffers_to_string(buffer.data()));
    if (!packet) break;
    if (packet->type == EioPacketType::kPing && packet->data == "probe" && !probed) {
      if (!session->begin_upgrade()) break;
      probed = true;
      ws.text(true);
      co_await ws.async_write(asio::buffer(std::string_view("3probe")), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    } else if (packet->type == EioPacketType::kUpgrade && probed) {
      upgraded = session->complete_upgrade(transport);
    } else if (packet->type != EioPacketType::kNoop) {
      break;
    }
  }
  lowest.expires_never();
  if (!upgraded) {
    session->on_websocket_closed(transport.get());
    if (ws.is_open())
      co_await ws.async_close(beast::websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ec));
    co_return;
  }
  co_await transport->run(session);
}

}  // namespace admit
