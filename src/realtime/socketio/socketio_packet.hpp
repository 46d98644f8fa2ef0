#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "realtime/decoded.hpp"

namespace admit {

// Socket.IO v5 packet types; the value is the digit on the wire.
enum class SioPacketType {
  kConnect = 0,
  kDisconnect = 1,
  kEvent = 2,
  kAck = 3,
  kConnectError = 4,
  kBinaryEvent = 5,
  kBinaryAck = 6,
};

// One Socket.IO packet. Binary buffers inside `data` are Json binary values; on the wire they
// travel as separate attachments with {"_placeholder":true,"num":i} in their place.
struct SioPacket {
  SioPacketType type = SioPacketType::kEvent;
  std::string nsp = "/";
  std::optional<std::uint64_t> id;
  std::optional<Json> data;     // absent: no payload at all
  std::size_t attachments = 0;  // decoded BINARY_* headers: how many attachments follow
};

// The reference parser's cap on attachments per packet.
inline constexpr std::size_t kSioMaxAttachments = 10;
// How deeply a payload may nest arrays and objects. Walking a value recurses (binary
// reconstruction, copies, serialisation), so a 1 MB "[[[[..." would overflow a thread's stack;
// real payloads nest a few levels.
inline constexpr std::size_t kSioMaxDepth = 64;

struct SioEncoded {
  std::string header;                    // the text packet (one Engine.IO message)
  std::vector<std::string> attachments;  // one binary Engine.IO message each, in order
};

// Encodes a packet; an EVENT or ACK whose data holds binary values becomes BINARY_EVENT/BINARY_ACK.
SioEncoded encode_sio_packet(const SioPacket& packet);

// Decodes a text packet. For BINARY_* packets `data` still holds the placeholders and
// `attachments` says how many binary messages must follow (see reconstruct_sio_binary).
Decoded<SioPacket> decode_sio_packet(std::string_view text);

// Puts the attachments in place of their placeholders.
Decoded<Json> reconstruct_sio_binary(Json data, const std::vector<std::string>& attachments);

// Event names a client may not use (the reference refuses them as malformed packets).
bool is_reserved_sio_event(std::string_view name);

}  // namespace admit
