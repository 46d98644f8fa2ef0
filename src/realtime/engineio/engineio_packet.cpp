#include "realtime/engineio/engineio_packet.hpp"

#include "realtime/engineio/base64.hpp"

namespace admit {

std::string encode_eio_packet(const EioPacket& packet) {
  std::string out;
  if (packet.binary) {
    // Appended rather than "b" + ...: GCC 12 warns falsely (-Wrestrict) about operator+ there.
    out += 'b';
    out += base64_encode(packet.data);
    return out;
  }
  out.reserve(packet.data.size() + 1);
  out += static_cast<char>('0' + static_cast<int>(packet.type));
  out += packet.data;
  return out;
}

Decoded<EioPacket> decode_eio_packet(std::string_view text) {
  if (text.empty()) return Decoded<EioPacket>::failure("empty packet");
  char head = text.front();
  if (head == 'b') {
    auto bytes = base64_decode(text.substr(1));
    if (!bytes) return Decoded<EioPacket>::failure("invalid base64 in binary packet");
    return EioPacket{EioPacketType::kMessage, std::move(*bytes), true};
  }
  if (head < '0' || head > '6') return Decoded<EioPacket>::failure("unknown packet type");
  return EioPacket{static_cast<EioPacketType>(head - '0'), std::string(text.substr(1)), false};
}

EioPacket decode_eio_binary_frame(std::string_view bytes) {
  return EioPacket{EioPacketType::kMessage, std::string(bytes), true};
}

std::string encode_eio_payload(const std::vector<EioPacket>& packets) {
  std::string out;
  for (std::size_t i = 0; i < packets.size(); ++i) {
    if (i > 0) out += kEioRecordSeparator;
    out += encode_eio_packet(packets[i]);
  }
  return out;
}

Decoded<std::vector<EioPacket>> decode_eio_payload(std::string_view body) {
  std::vector<EioPacket> packets;
  while (true) {
    auto sep = body.find(kEioRecordSeparator);
    auto decoded = decode_eio_packet(body.substr(0, sep));
    if (!decoded) return Decoded<std::vector<EioPacket>>::failure(decoded.error());
    packets.push_back(std::move(*decoded));
    if (sep == std::string_view::npos) break;
    body.remove_prefix(sep + 1);
  }
  return packets;
}

}  // namespace admit
