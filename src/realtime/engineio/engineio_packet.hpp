#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "realtime/decoded.hpp"

namespace admit {

// Engine.IO v4 packet types; the value is the digit on the wire.
enum class EioPacketType { kOpen = 0, kClose = 1, kPing = 2, kPong = 3, kMessage = 4, kUpgrade = 5, kNoop = 6 };

// One Engine.IO packet. `binary` is only meaningful for messages: their data is raw bytes, sent as a
// binary WebSocket frame or as "b<base64>" in a polling payload.
struct EioPacket {
  EioPacketType type = EioPacketType::kMessage;
  std::string data;
  bool binary = false;

  friend bool operator==(const EioPacket&, const EioPacket&) = default;
};

inline constexpr char kEioRecordSeparator = '\x1e';

// A packet as text: "<digit><data>", or "b<base64>" for a binary message (polling).
std::string encode_eio_packet(const EioPacket& packet);
Decoded<EioPacket> decode_eio_packet(std::string_view text);
// A binary WebSocket frame: always a message with the frame's bytes.
EioPacket decode_eio_binary_frame(std::string_view bytes);

// A long-polling body: packets joined by the record separator \x1e.
std::string encode_eio_payload(const std::vector<EioPacket>& packets);
Decoded<std::vector<EioPacket>> decode_eio_payload(std::string_view body);

}  // namespace admit
