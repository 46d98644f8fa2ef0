#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "realtime/socketio/sio_socket.hpp"

namespace admit {

// A Socket.IO namespace: its connected sockets, its rooms and its event handlers. Broadcasts are
// encoded once and the same frame is shared by every recipient.
class SioNamespace {
 public:
  // `ack` is empty when the client asked for no acknowledgement.
  using Ack = std::function<void(Json args)>;
  using EventHandler = std::function<void(const std::shared_ptr<SioSocket>&, Json args, Ack ack)>;
  using ConnectionHandler = std::function<void(const std::shared_ptr<SioSocket>&)>;
  // An event handler threw: the socket and the event (the exception is already logged).
  using ErrorHandler =
      std::function<void(const std::shared_ptr<SioSocket>&, const std::string& event, const Json& args)>;
  // Decides a CONNECT from the packet's `auth` payload and the Engine.IO handshake's Cookie header:
  // nullopt admits, a message refuses with CONNECT_ERROR {message}.
  using ConnectGuard = std::function<std::optional<std::string>(const Json& auth, std::string_view cookie_header)>;

  explicit SioNamespace(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  // Set up before the server starts; not changed afterwards.
  void on_connection(ConnectionHandler handler) { on_connection_ = std::move(handler); }
  void on(const std::string& event, EventHandler handler) { handlers_[event] = std::move(handler); }
  void on_error(ErrorHandler handler) { on_error_ = std::move(handler); }
  void guard_connections(ConnectGuard guard) { guard_ = std::move(guard); }
  // Why a CONNECT is refused (nullopt: admitted).
  std::optional<std::string> refuse_connect(const Json& auth, std::string_view cookie_header) const {
    return guard_ ? guard_(auth, cookie_header) : std::nullopt;
  }

  // To every socket of the namespace, or of one room.
  void broadcast(const std::string& event, Json args);
  void broadcast_to(const std::string& room, const std::string& event, Json args);
  std::size_t size() const;
  std::size_t room_size(const std::string& room) const;

  // Used by SioClient and SioSocket.
  void add(const std::shared_ptr<SioSocket>& socket);
  void remove(const std::shared_ptr<SioSocket>& socket);
  void join(SioSocket& socket, const std::string& room);
  void leave(SioSocket& socket, const std::string& room);
  std::set<std::string> rooms_of(const SioSocket& socket) const;
  void dispatch(const std::shared_ptr<SioSocket>& socket, const std::string& event, Json args, Ack ack) const;

 private:
  void send_to(const std::vector<std::shared_ptr<SioSocket>>& targets, const std::string& event, Json args) const;

  const std::string name_;
  ConnectionHandler on_connection_;
  ErrorHandler on_error_;
  ConnectGuard guard_;
  std::map<std::string, EventHandler> handlers_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<SioSocket>> sockets_;
  std::map<std::string, std::set<SioSocket*>> rooms_;
};

}  // namespace admit
