#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace admit {

// RFC 6455 framing for the Engine.IO WebSocket transport, without extensions (permessage-deflate
// is never negotiated). The server frames its own messages so that a broadcast's payload is shared
// by every socket and only a 2-10 byte header is per socket.
enum class WsOpcode : std::uint8_t { kContinuation = 0, kText = 1, kBinary = 2, kClose = 8, kPing = 9, kPong = 10 };

// The header of an unmasked, final server frame carrying `payload_size` bytes.
struct WsFrameHeader {
  std::array<char, 10> bytes{};
  std::size_t size = 0;
  std::string_view view() const { return {bytes.data(), size}; }
};
WsFrameHeader ws_frame_header(WsOpcode opcode, std::size_t payload_size);
// A whole close frame (status code and no reason).
std::string ws_close_frame(std::uint16_t code);

// Close status codes the server sends.
inline constexpr std::uint16_t kWsCloseNormal = 1000;
inline constexpr std::uint16_t kWsCloseProtocolError = 1002;
inline constexpr std::uint16_t kWsCloseInvalidPayload = 1007;
inline constexpr std::uint16_t kWsCloseTooBig = 1009;

// A complete message or control frame from the client. For kClose, `close_code` is the peer's
// status (1005 "no status" when the frame had none).
struct WsMessage {
  WsOpcode opcode = WsOpcode::kText;
  std::string payload;
  std::uint16_t close_code = 0;
};

// Incremental parser of client frames: masked, possibly fragmented, control frames between
// fragments. Keeps only an incomplete frame's bytes and a fragmented message between calls, so an
// idle connection holds no buffer.
class WsFrameReader {
 public:
  explicit WsFrameReader(std::size_t max_message) : max_message_(max_message) {}

  // Consumes `bytes`; completed messages and control frames are appended to `out`. On a protocol
  // violation returns the close code to answer with (the reader is unusable afterwards).
  std::optional<std::uint16_t> feed(std::string_view bytes, std::vector<WsMessage>& out);

 private:
  // Parses frames from the front of `data`; returns the bytes consumed or sets `error`.
  std::size_t parse(std::string_view data, std::vector<WsMessage>& out, std::optional<std::uint16_t>& error);

  std::size_t max_message_;
  std::string partial_;  // an incomplete frame
  std::string message_;  // a fragmented data message so far
  bool in_message_ = false;
  WsOpcode message_opcode_ = WsOpcode::kText;
};

}  // namespace admit
