#include "realtime/socketio/sio_client.hpp"

#include "realtime/socketio/sio_server.hpp"

namespace admit {

SioClient::SioClient(SioServer& server, std::shared_ptr<EngineSession> engine)
    : server_(server), engine_(std::move(engine)), connect_timer_(engine_->strand()) {}

void SioClient::start() {
  connect_timer_.expires_after(server_.connect_timeout());
  std::weak_ptr<SioClient> weak = shared_from_this();
  connect_timer_.async_wait([weak](const beast::error_code& ec) {
    if (ec) return;
    auto self = weak.lock();
    if (!self) return;
    bool connected = false;
    {
      std::lock_guard lock(self->mutex_);
      connected = self->connected_once_;
    }
    if (!connected) self->engine_->close("connect timeout");
  });
}

void SioClient::fail(const char* why) { engine_->close(std::string("parse error: ") + why); }

void SioClient::on_message(EioPacket packet) {
  if (packet.binary) {
    std::optional<SioPacket> complete;
    std::vector<std::string> buffers;
    {
      std::lock_guard lock(mutex_);
      if (!partial_) {
        complete.reset();
      } else {
        buffers_.push_back(std::move(packet.data));
        if (buffers_.size() < partial_->attachments) return;  // more to come
        complete = std::move(partial_);
        partial_.reset();
        buffers.swap(buffers_);
      }
    }
    if (!complete) return fail("attachment without a binary packet");
    auto data = reconstruct_sio_binary(std::move(*complete->data), buffers);
    if (!data) return fail(data.error().c_str());
    complete->data = std::move(*data);
    return on_packet(std::move(*complete));
  }
  auto decoded = decode_sio_packet(packet.data);
  if (!decoded) return fail(decoded.error().c_str());
  bool attachments_missing = false;
  {
    std::lock_guard lock(mutex_);
    if (partial_) {
      // A new packet while attachments were still expected.
      partial_.reset();
      buffers_.clear();
      attachments_missing = true;
    } else if (decoded->attachments > 0) {
      partial_ = std::move(*decoded);
      buffers_.clear();
      return;
    }
  }
  // Outside the lock: closing calls on_close, which takes it.
  if (attachments_missing) return fail("attachments missing");
  on_packet(std::move(*decoded));
}

void SioClient::connect(SioPacket& packet) {
  auto refuse = [&](const std::string& message) {
    SioPacket refusal;
    refusal.type = SioPacketType::kConnectError;
    refusal.nsp = packet.nsp;
    refusal.data = Json{{"message", message}};
    auto encoded = encode_sio_packet(refusal);
    engine_->send(EioPacket{EioPacketType::kMessage, encoded.header});
  };
  auto* nsp = server_.find(packet.nsp);
  if (!nsp) return refuse("Invalid namespace");
  Json auth = packet.data ? std::move(*packet.data) : Json::object();
  if (auto why = nsp->refuse_connect(auth, engine_->handshake_cookie())) return refuse(*why);
  auto socket = std::make_shared<SioSocket>(server_.new_socket_id(), *nsp, engine_, std::move(auth));
  {
    std::lock_guard lock(mutex_);
    if (sockets_.count(packet.nsp)) return;  // already connected to it: ignored, as the reference does
    sockets_[packet.nsp] = socket;
    connected_once_ = true;
  }
  SioPacket reply;
  reply.type = SioPacketType::kConnect;
  reply.nsp = packet.nsp;
  reply.data = Json{{"sid", socket->id()}};
  socket->send(reply);
  nsp->add(socket);
}

void SioClient::on_packet(SioPacket packet) {
  if (packet.type == SioPacketType::kConnect) return connect(packet);
  std::shared_ptr<SioSocket> socket;
  bool never_connected = false;
  {
    std::lock_guard lock(mutex_);
    auto it = sockets_.find(packet.nsp);
    if (it != sockets_.end()) socket = it->second;
    never_connected = !socket && !connected_once_;
  }
  if (never_connected) {
    // The first packet must be a CONNECT. Closed outside the lock: on_close takes it again.
    engine_->close("parse error: not connected");
    return;
  }
  if (!socket) return;  // a namespace the client is not in: ignored
  switch (packet.type) {
    case SioPacketType::kDisconnect: {
      {
        std::lock_guard lock(mutex_);
        sockets_.erase(packet.nsp);
      }
      socket->nsp().remove(socket);
      return;
    }
    case SioPacketType::kEvent:
    case SioPacketType::kBinaryEvent: {
      Json args = std::move(*packet.data);
      std::string event = args[0].is_string() ? args[0].get<std::string>() : args[0].dump();
      args.erase(args.begin());
      SioNamespace::Ack ack;
      if (packet.id) {
        std::weak_ptr<SioSocket> weak = socket;
        auto id = *packet.id;
        ack = [weak, id](Json reply) {
          if (auto s = weak.lock()) s->ack(id, std::move(reply));
        };
      }
      socket->nsp().dispatch(socket, event, std::move(args), std::move(ack));
      return;
    }
    case SioPacketType::kAck:
    case SioPacketType::kBinaryAck:
      socket->on_ack(*packet.id, std::move(*packet.data));
      return;
    case SioPacketType::kConnect:
    case SioPacketType::kConnectError:
      return;  // a client never sends CONNECT_ERROR; ignored
  }
}

void SioClient::on_close(std::string_view /*reason*/) {
  std::map<std::string, std::shared_ptr<SioSocket>> sockets;
  {
    std::lock_guard lock(mutex_);
    sockets.swap(sockets_);
    partial_.reset();
    buffers_.clear();
  }
  for (auto& [name, socket] : sockets)
    socket->nsp().remove(socket);
  auto self = shared_from_this();
  asio::post(engine_->strand(), [self] { self->connect_timer_.cancel(); });
}

}  // namespace admit
