#include "realtime/socketio/sio_namespace.hpp"

#include <spdlog/spdlog.h>

namespace admit {

void SioNamespace::add(const std::shared_ptr<SioSocket>& socket) {
  {
    std::lock_guard lock(mutex_);
    sockets_[socket->id()] = socket;
    // Like the reference, every socket is in a room named after its own id.
    rooms_[socket->id()].insert(socket.get());
    socket->rooms_.insert(socket->id());
  }
  if (on_connection_) on_connection_(socket);
}

void SioNamespace::remove(const std::shared_ptr<SioSocket>& socket) {
  std::lock_guard lock(mutex_);
  for (const auto& room : socket->rooms_) {
    auto it = rooms_.find(room);
    if (it == rooms_.end()) continue;
    it->second.erase(socket.get());
    if (it->second.empty()) rooms_.erase(it);
  }
  socket->rooms_.clear();
  sockets_.erase(socket->id());
}

void SioNamespace::join(SioSocket& socket, const std::string& room) {
  std::lock_guard lock(mutex_);
  if (!sockets_.count(socket.id())) return;  // already disconnected
  rooms_[room].insert(&socket);
  socket.rooms_.insert(room);
}

void SioNamespace::leave(SioSocket& socket, const std::string& room) {
  std::lock_guard lock(mutex_);
  auto it = rooms_.find(room);
  if (it != rooms_.end()) {
    it->second.erase(&socket);
    if (it->second.empty()) rooms_.erase(it);
  }
  socket.rooms_.erase(room);
}

std::set<std::string> SioNamespace::rooms_of(const SioSocket& socket) const {
  std::lock_guard lock(mutex_);
  return socket.rooms_;
}

std::size_t SioNamespace::size() const {
  std::lock_guard lock(mutex_);
  return sockets_.size();
}

std::size_t SioNamespace::room_size(const std::string& room) const {
  std::lock_guard lock(mutex_);
  auto it = rooms_.find(room);
  return it == rooms_.end() ? 0 : it->second.size();
}

void SioNamespace::broadcast(const std::string& event, Json args) {
  std::vector<std::shared_ptr<SioSocket>> targets;
  {
    std::lock_guard lock(mutex_);
    targets.reserve(sockets_.size());
    for (const auto& [id, socket] : sockets_)
      targets.push_back(socket);
  }
  send_to(targets, event, std::move(args));
}

void SioNamespace::broadcast_to(const std::string& room, const std::string& event, Json args) {
  std::vector<std::shared_ptr<SioSocket>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = rooms_.find(room);
    if (it == rooms_.end()) return;
    targets.reserve(it->second.size());
    for (auto* socket : it->second)
      targets.push_back(socket->shared_from_this());
  }
  send_to(targets, event, std::move(args));
}

void SioNamespace::send_to(const std::vector<std::shared_ptr<SioSocket>>& targets, const std::string& event,
                           Json args) const {
  if (targets.empty()) return;
  SioPacket p;
  p.type = SioPacketType::kEvent;
  p.nsp = name_;
  Json data = Json::array({event});
  for (auto& a : args)
    data.push_back(std::move(a));
  p.data = std::move(data);
  // Encoded once; every recipient queues the same bytes.
  auto encoded = encode_sio_packet(p);
  encoded.header.insert(encoded.header.begin(), '4');
  auto frame = std::make_shared<const std::string>(std::move(encoded.header));
  for (const auto& socket : targets)
    socket->send_encoded(frame, encoded.attachments);
}

void SioNamespace::dispatch(const std::shared_ptr<SioSocket>& socket, const std::string& event, Json args,
                            Ack ack) const {
  auto it = handlers_.find(event);
  if (it == handlers_.end()) return;  // like the reference: events without a handler are ignored
  // A handler's failure is the socket's problem, not the connection's (nor the I/O thread's).
  Json kept = on_error_ ? args : Json();
  try {
    it->second(socket, std::move(args), std::move(ack));
  } catch (const std::exception& e) {
    spdlog::error("socket.io {}: the handler of {} failed: {}", name_, event, e.what());
    if (on_error_) on_error_(socket, event, kept);
  }
}

}  // namespace admit
