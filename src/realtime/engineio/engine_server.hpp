#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/io_context.hpp>

#include "domain/random_source.hpp"
#include "net/transport_hook.hpp"
#include "realtime/engineio/engine_options.hpp"
#include "realtime/engineio/engine_session.hpp"

namespace admit {

class WebSocketTransport;

// The Engine.IO v4 server at one path of the HTTP port: the handshake, long-polling GET/POST, the
// WebSocket transport and the upgrade from polling, and the registry of sessions by sid.
class EngineServer : public TransportHook {
 public:
  // Called for every new session, before its open packet leaves; returns what receives its messages.
  using OnConnection = std::function<std::shared_ptr<EngineListener>(const std::shared_ptr<EngineSession>&)>;

  EngineServer(asio::io_context& io, RandomSource& random, EngineOptions options, OnConnection on_connection);

  const EngineOptions& options() const { return options_; }
  std::size_t session_count() const;

  bool matches(std::string_view target) const override;
  std::size_t body_limit() const override { return options_.max_payload; }
  Task<HttpResponse> handle(HttpRequest request) override;
  Task<void> take_websocket(beast::tcp_stream& stream, HttpRequest request) override;
  void stop() override;

 private:
  struct Query;
  // The Engine.IO error codes and their reference messages.
  enum class Refusal {
    kUnknownTransport = 0,
    kUnknownSid = 1,
    kBadHandshakeMethod = 2,
    kBadRequest = 3,
    kBadVersion = 5
  };

  std::shared_ptr<EngineSession> open_session(EngineSession::Transport transport, std::string cookie);
  // The handshake request's cookie, or nothing when a page of another origin sent the request.
  std::string trusted_cookie(const HttpRequest& request) const;
  // The WebSocket handshake; the transport that owns the socket from then on (null on failure).
  Task<std::shared_ptr<WebSocketTransport>> accept_websocket(beast::tcp_stream& stream, HttpRequest request);
  // The upgrade of a polling session over `transport`; true once it carries the session.
  Task<bool> probe_upgrade(std::shared_ptr<WebSocketTransport> transport, std::shared_ptr<EngineSession> session);
  std::shared_ptr<EngineSession> find(const std::string& sid) const;
  std::string new_sid();
  // The open packet's JSON: sid, upgrades, pingInterval, pingTimeout, maxPayload.
  std::string open_packet(const std::string& sid, bool can_upgrade) const;
  HttpResponse refuse(Refusal refusal, const HttpRequest& request) const;
  HttpResponse text(const HttpRequest& request, std::string body, const char* content_type) const;

  asio::io_context& io_;
  RandomSource& random_;
  EngineOptions options_;
  OnConnection on_connection_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<EngineSession>> sessions_;
  bool stopping_ = false;
};

}  // namespace admit
