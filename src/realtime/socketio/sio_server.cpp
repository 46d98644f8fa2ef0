#include "realtime/socketio/sio_server.hpp"

#include "realtime/socketio/sio_client.hpp"

namespace admit {

SioNamespace& SioServer::of(const std::string& name) {
  auto& slot = namespaces_[name];
  if (!slot) slot = std::make_unique<SioNamespace>(name);
  return *slot;
}

SioNamespace* SioServer::find(const std::string& name) {
  auto it = namespaces_.find(name);
  return it == namespaces_.end() ? nullptr : it->second.get();
}

std::shared_ptr<EngineListener> SioServer::accept(const std::shared_ptr<EngineSession>& session) {
  auto client = std::make_shared<SioClient>(*this, session);
  client->start();
  return client;
}

std::string SioServer::new_socket_id() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string id;
  std::uint64_t bits = 0;
  for (int i = 0; i < 20; ++i) {
    if (i % 10 == 0) bits = random_.next_u64();
    id += kAlphabet[bits & 63];
    bits >>= 6;
  }
  return id;
}

}  // namespace admit
