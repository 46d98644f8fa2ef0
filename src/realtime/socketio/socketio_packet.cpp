#include "realtime/socketio/socketio_packet.hpp"

#include <array>

#include "http/json_depth.hpp"

namespace admit {
namespace {

constexpr std::size_t kMaxAckIdDigits = 15;  // stays far below 2^53, the client's integer limit

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void deconstruct(Json& node, std::vector<std::string>& buffers) {
  if (node.is_binary()) {
    const auto& bytes = node.get_binary();
    buffers.emplace_back(bytes.begin(), bytes.end());
    node = Json{{"_placeholder", true}, {"num", buffers.size() - 1}};
  } else if (node.is_array() || node.is_object()) {
    for (auto& child : node)
      deconstruct(child, buffers);
  }
}

bool is_placeholder(const Json& node) {
  auto it = node.find("_placeholder");
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

// Returns false when a placeholder points at no attachment.
bool reconstruct(Json& node, const std::vector<std::string>& buffers) {
  if (node.is_object() && is_placeholder(node)) {
    auto num = node.find("num");
    if (num == node.end() || !num->is_number_unsigned() || num->get<std::uint64_t>() >= buffers.size()) return false;
    const auto& bytes = buffers[num->get<std::size_t>()];
    node = Json::binary(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    return true;
  }
  if (node.is_array() || node.is_object()) {
    for (auto& child : node)
      if (!reconstruct(child, buffers)) return false;
  }
  return true;
}

// socket.io-parser's isPayloadValid.
bool payload_fits(SioPacketType type, const Json& payload) {
  switch (type) {
    case SioPacketType::kConnect:
      return payload.is_object();
    case SioPacketType::kDisconnect:
      return false;  // a DISCONNECT carries nothing
    case SioPacketType::kConnectError:
      return payload.is_string() || payload.is_object();
    case SioPacketType::kEvent:
    case SioPacketType::kBinaryEvent:
      if (!payload.is_array() || payload.empty()) return false;
      if (payload[0].is_number()) return true;
      return payload[0].is_string() && !is_reserved_sio_event(payload[0].get_ref<const std::string&>());
    case SioPacketType::kAck:
    case SioPacketType::kBinaryAck:
      return payload.is_array();
  }
  return false;
}

}  // namespace

bool is_reserved_sio_event(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kReserved = {"connect",       "connect_error", "disconnect",
                                                                "disconnecting", "newListener",   "removeListener"};
  for (auto r : kReserved)
    if (r == name) return true;
  return false;
}

SioEncoded encode_sio_packet(const SioPacket& packet) {
  SioEncoded out;
  auto type = packet.type;
  std::optional<Json> data = packet.data;
  if (data) {
    deconstruct(*data, out.attachments);
    if (!out.attachments.empty()) {
      if (type == SioPacketType::kEvent) type = SioPacketType::kBinaryEvent;
      if (type == SioPacketType::kAck) type = SioPacketType::kBinaryAck;
    }
  }
  std::string& s = out.header;
  s += static_cast<char>('0' + static_cast<int>(type));
  if (type == SioPacketType::kBinaryEvent || type == SioPacketType::kBinaryAck) {
    s += std::to_string(out.attachments.size());
    s += '-';
  }
  if (!packet.nsp.empty() && packet.nsp != "/") {
    s += packet.nsp;
    s += ',';
  }
  if (packet.id) s += std::to_string(*packet.id);
  if (data) s += dump_json(*data);
  return out;
}

Decoded<SioPacket> decode_sio_packet(std::string_view text) {
  using Result = Decoded<SioPacket>;
  if (text.empty()) return Result::failure("empty packet");
  if (text[0] < '0' || text[0] > '6') return Result::failure("unknown packet type");
  SioPacket p;
  p.type = static_cast<SioPacketType>(text[0] - '0');
  std::size_t i = 1;

  if (p.type == SioPacketType::kBinaryEvent || p.type == SioPacketType::kBinaryAck) {
    std::size_t start = i;
    while (i < text.size() && is_digit(text[i]))
      ++i;
    if (i == start || i >= text.size() || text[i] != '-' || i - start > 3)
      return Result::failure("illegal attachments");
    p.attachments = std::stoul(std::string(text.substr(start, i - start)));
    if (p.attachments > kSioMaxAttachments) return Result::failure("too many attachments");
    ++i;  // '-'
  }

  if (i < text.size() && text[i] == '/') {
    auto comma = text.find(',', i);
    if (comma == std::string_view::npos) {
      p.nsp = std::string(text.substr(i));
      i = text.size();
    } else {
      p.nsp = std::string(text.substr(i, comma - i));
      i = comma + 1;
    }
  }

  std::size_t id_start = i;
  while (i < text.size() && is_digit(text[i]))
    ++i;
  if (i > id_start) {
    if (i - id_start > kMaxAckIdDigits) return Result::failure("ack id too large");
    p.id = std::stoull(std::string(text.substr(id_start, i - id_start)));
  }

  if (i < text.size()) {
    if (json_nesting_exceeds(text.substr(i), kSioMaxDepth)) return Result::failure("payload nested too deeply");
    Json payload = Json::parse(text.substr(i), nullptr, false);
    if (payload.is_discarded()) return Result::failure("invalid JSON payload");
    if (!payload_fits(p.type, payload)) return Result::failure("invalid payload");
    p.data = std::move(payload);
  }

  bool is_ack = p.type == SioPacketType::kAck || p.type == SioPacketType::kBinaryAck;
  if (is_ack && !p.id) return Result::failure("acknowledgement without id");
  if (is_ack && !p.data) return Result::failure("acknowledgement without payload");
  bool is_event = p.type == SioPacketType::kEvent || p.type == SioPacketType::kBinaryEvent;
  if (is_event && !p.data) return Result::failure("event without payload");
  return p;
}

Decoded<Json> reconstruct_sio_binary(Json data, const std::vector<std::string>& attachments) {
  if (!reconstruct(data, attachments)) return Decoded<Json>::failure("placeholder without attachment");
  return data;
}

}  // namespace admit
