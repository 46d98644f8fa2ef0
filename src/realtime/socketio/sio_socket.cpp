#include "realtime/socketio/sio_socket.hpp"

#include "realtime/socketio/sio_namespace.hpp"

namespace admit {

namespace {

SioPacket event_packet(const std::string& nsp, const std::string& event, Json args) {
  SioPacket p;
  p.type = SioPacketType::kEvent;
  p.nsp = nsp;
  Json data = Json::array({event});
  for (auto& a : args)
    data.push_back(std::move(a));
  p.data = std::move(data);
  return p;
}

}  // namespace

SioSocket::SioSocket(std::string id, SioNamespace& nsp, std::shared_ptr<EngineSession> engine, Json auth)
    : id_(std::move(id)), nsp_(nsp), engine_(std::move(engine)), auth_(std::move(auth)) {}

void SioSocket::send(const SioPacket& packet) {
  auto encoded = encode_sio_packet(packet);
  encoded.header.insert(encoded.header.begin(), '4');  // the Engine.IO message type
  send_encoded(std::make_shared<const std::string>(std::move(encoded.header)), encoded.attachments);
}

void SioSocket::send_encoded(const EngineSession::Frame& header, const std::vector<std::string>& attachments) {
  if (!engine_->send_frame(header)) return;
  for (const auto& a : attachments)
    engine_->send_binary(a);
}

void SioSocket::emit(const std::string& event, Json args) { send(event_packet(nsp_.name(), event, std::move(args))); }

void SioSocket::emit_with_ack(const std::string& event, Json args, AckCallback callback) {
  auto p = event_packet(nsp_.name(), event, std::move(args));
  {
    std::lock_guard lock(mutex_);
    p.id = next_ack_id_++;
    acks_[*p.id] = std::move(callback);
  }
  send(p);
}

void SioSocket::ack(std::uint64_t id, Json args) {
  SioPacket p;
  p.type = SioPacketType::kAck;
  p.nsp = nsp_.name();
  p.id = id;
  p.data = args.is_array() ? std::move(args) : Json::array({std::move(args)});
  send(p);
}

void SioSocket::on_ack(std::uint64_t id, Json args) {
  AckCallback callback;
  {
    std::lock_guard lock(mutex_);
    auto it = acks_.find(id);
    if (it == acks_.end()) return;
    callback = std::move(it->second);
    acks_.erase(it);
  }
  if (callback) callback(std::move(args));
}

void SioSocket::join(const std::string& room) { nsp_.join(*this, room); }
void SioSocket::leave(const std::string& room) { nsp_.leave(*this, room); }
std::set<std::string> SioSocket::rooms() const { return nsp_.rooms_of(*this); }

}  // namespace admit
