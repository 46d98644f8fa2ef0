#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "domain/random_source.hpp"
#include "realtime/engineio/engine_listener.hpp"
#include "realtime/engineio/engine_session.hpp"
#include "realtime/socketio/sio_namespace.hpp"

namespace admit {

// The Socket.IO v5 server over Engine.IO sessions: its namespaces, and a SioClient per session.
class SioServer {
 public:
  SioServer(RandomSource& random, std::chrono::milliseconds connect_timeout = std::chrono::milliseconds(45000))
      : random_(random), connect_timeout_(connect_timeout) {}

  // The namespace `name`, created on first use. Set namespaces up before serving.
  SioNamespace& of(const std::string& name);
  SioNamespace* find(const std::string& name);
  // For EngineServer's OnConnection.
  std::shared_ptr<EngineListener> accept(const std::shared_ptr<EngineSession>& session);
  std::string new_socket_id();
  std::chrono::milliseconds connect_timeout() const { return connect_timeout_; }

 private:
  RandomSource& random_;
  std::chrono::milliseconds connect_timeout_;
  std::map<std::string, std::unique_ptr<SioNamespace>> namespaces_;
};

}  // namespace admit
