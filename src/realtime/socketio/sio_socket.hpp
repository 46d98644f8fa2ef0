#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "http/json.hpp"
#include "realtime/engineio/engine_session.hpp"
#include "realtime/socketio/socketio_packet.hpp"

namespace admit {

class SioNamespace;

// One client's connection to one namespace. Thread-safe: emits may come from any thread.
class SioSocket : public std::enable_shared_from_this<SioSocket> {
 public:
  using AckCallback = std::function<void(Json args)>;

  SioSocket(std::string id, SioNamespace& nsp, std::shared_ptr<EngineSession> engine, Json auth);

  const std::string& id() const { return id_; }
  const Json& auth() const { return auth_; }
  SioNamespace& nsp() { return nsp_; }
  const std::shared_ptr<EngineSession>& engine() const { return engine_; }

  // emit(event, args...): `args` is the JSON array of arguments (binary values become attachments).
  void emit(const std::string& event, Json args);
  // Same, asking the client for an acknowledgement; `callback` receives its arguments.
  void emit_with_ack(const std::string& event, Json args, AckCallback callback);
  // Answers the client's event `id`.
  void ack(std::uint64_t id, Json args);
  // Sends an already encoded packet (a broadcast's shared frame and its attachments).
  void send_encoded(const EngineSession::Frame& header, const std::vector<std::string>& attachments);
  void send(const SioPacket& packet);

  void join(const std::string& room);
  void leave(const std::string& room);
  std::set<std::string> rooms() const;

  // A client's ACK packet.
  void on_ack(std::uint64_t id, Json args);

 private:
  friend class SioNamespace;
  const std::string id_;
  SioNamespace& nsp_;
  std::shared_ptr<EngineSession> engine_;
  const Json auth_;
  mutable std::mutex mutex_;
  std::uint64_t next_ack_id_ = 0;
  std::map<std::uint64_t, AckCallback> acks_;
  std::set<std::string> rooms_;  // guarded by the namespace's mutex
};

}  // namespace admit
