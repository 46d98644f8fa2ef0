#include "realtime/engineio/websocket_frame.hpp"

#include "domain/text.hpp"

namespace admit {

namespace {

bool is_control(WsOpcode opcode) { return static_cast<std::uint8_t>(opcode) >= 8; }

bool known_opcode(std::uint8_t op) { return op <= 2 || (op >= 8 && op <= 10); }

// Status codes a peer may put in a close frame (RFC 6455 7.4).
bool valid_close_code(std::uint16_t code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
}

}  // namespace

WsFrameHeader ws_frame_header(WsOpcode opcode, std::size_t payload_size) {
  WsFrameHeader h;
  h.bytes[0] = static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode));
  if (payload_size < 126) {
    h.bytes[1] = static_cast<char>(payload_size);
    h.size = 2;
  } else if (payload_size <= 0xFFFF) {
    h.bytes[1] = 126;
    h.bytes[2] = static_cast<char>((payload_size >> 8) & 0xFF);
    h.bytes[3] = static_cast<char>(payload_size & 0xFF);
    h.size = 4;
  } else {
    h.bytes[1] = 127;
    auto size = static_cast<std::uint64_t>(payload_size);
    for (int i = 0; i < 8; ++i)
      h.bytes[static_cast<std::size_t>(2 + i)] = static_cast<char>((size >> (56 - 8 * i)) & 0xFF);
    h.size = 10;
  }
  return h;
}

std::string ws_close_frame(std::uint16_t code) {
  std::string frame(ws_frame_header(WsOpcode::kClose, 2).view());
  frame += static_cast<char>(code >> 8);
  frame += static_cast<char>(code & 0xFF);
  return frame;
}

std::optional<std::uint16_t> WsFrameReader::feed(std::string_view bytes, std::vector<WsMessage>& out) {
  std::optional<std::uint16_t> error;
  if (partial_.empty()) {
    std::size_t used = parse(bytes, out, error);
    if (!error && used < bytes.size()) partial_.assign(bytes.substr(used));
    return error;
  }
  partial_.append(bytes);
  std::size_t used = parse(partial_, out, error);
  if (used == partial_.size()) {
    std::string().swap(partial_);  // an idle connection keeps no buffer
  } else {
    partial_.erase(0, used);
  }
  return error;
}

std::size_t WsFrameReader::parse(std::string_view data, std::vector<WsMessage>& out,
                                 std::optional<std::uint16_t>& error) {
  std::size_t pos = 0;
  while (data.size() - pos >= 2) {
    auto b0 = static_cast<std::uint8_t>(data[pos]);
    auto b1 = static_cast<std::uint8_t>(data[pos + 1]);
    bool fin = (b0 & 0x80) != 0;
    std::uint8_t op = b0 & 0x0F;
    // No extension was negotiated, so reserved bits must be clear; client frames must be masked.
    if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0 || !known_opcode(op)) {
      error = kWsCloseProtocolError;
      return pos;
    }
    auto opcode = static_cast<WsOpcode>(op);
    std::size_t header = 2;
    std::uint64_t length = b1 & 0x7F;
    if (length == 126) {
      if (data.size() - pos < 4) break;
      length =
          (std::uint64_t{static_cast<std::uint8_t>(data[pos + 2])} << 8) | static_cast<std::uint8_t>(data[pos + 3]);
      header = 4;
    } else if (length == 127) {
      if (data.size() - pos < 10) break;
      length = 0;
      for (std::size_t i = 0; i < 8; ++i)
        length = (length << 8) | static_cast<std::uint8_t>(data[pos + 2 + i]);
      header = 10;
      if (length >> 63) {
        error = kWsCloseProtocolError;
        return pos;
      }
    }
    if (is_control(opcode)) {
      if (!fin || length > 125) {
        error = kWsCloseProtocolError;
        return pos;
      }
    } else {
      // A continuation only inside a fragmented message; a new message only outside one.
      if ((opcode == WsOpcode::kContinuation) != in_message_) {
        error = kWsCloseProtocolError;
        return pos;
      }
      // Refused before its bytes arrive, so a huge declared length is never buffered.
      if (length > max_message_ || message_.size() + length > max_message_) {
        error = kWsCloseTooBig;
        return pos;
      }
    }
    header += 4;  // the masking key
    if (data.size() - pos < header + length) break;
    const char* key = data.data() + pos + header - 4;
    std::string_view masked = data.substr(pos + header, static_cast<std::size_t>(length));
    pos += header + static_cast<std::size_t>(length);

    std::string payload(masked);
    for (std::size_t i = 0; i < payload.size(); ++i)
      payload[i] = static_cast<char>(payload[i] ^ key[i % 4]);

    if (is_control(opcode)) {
      WsMessage m{opcode, {}, 0};
      if (opcode == WsOpcode::kClose) {
        if (payload.size() == 1) {
          error = kWsCloseProtocolError;
          return pos;
        }
        m.close_code = 1005;
        if (payload.size() >= 2) {
          m.close_code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(payload[0]) << 8) |
                                                    static_cast<std::uint8_t>(payload[1]));
          if (!valid_close_code(m.close_code)) {
            error = kWsCloseProtocolError;
            return pos;
          }
          if (!is_utf8(std::string_view(payload).substr(2))) {
            error = kWsCloseInvalidPayload;
            return pos;
          }
        }
      } else {
        m.payload = std::move(payload);
      }
      out.push_back(std::move(m));
      continue;
    }

    if (opcode != WsOpcode::kContinuation) message_opcode_ = opcode;
    if (fin && !in_message_) {
      message_ = std::move(payload);
    } else {
      message_ += payload;
    }
    in_message_ = !fin;
    if (in_message_) continue;
    if (message_opcode_ == WsOpcode::kText && !is_utf8(message_)) {
      error = kWsCloseInvalidPayload;
      return pos;
    }
    out.push_back(WsMessage{message_opcode_, std::move(message_), 0});
    std::string().swap(message_);
  }
  return pos;
}

}  // namespace admit
