// The Socket.IO v5 decoder (realtime/socketio/socketio_packet.cpp): text packets, then binary
// reconstruction with attachments cut from the rest of the input. A decoded packet must encode
// and decode again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "realtime/socketio/socketio_packet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // "<packet>\n<attachment>\n<attachment>...": the first line is the packet.
  auto newline = input.find('\n');
  std::string_view text = input.substr(0, newline);
  std::vector<std::string> attachments;
  if (newline != std::string_view::npos) {
    std::string_view rest = input.substr(newline + 1);
    while (attachments.size() < admit::kSioMaxAttachments) {
      auto next = rest.find('\n');
      attachments.emplace_back(rest.substr(0, next));
      if (next == std::string_view::npos) break;
      rest.remove_prefix(next + 1);
    }
  }
  auto packet = admit::decode_sio_packet(text);
  if (!packet) return 0;
  if (packet->attachments > admit::kSioMaxAttachments) std::abort();
  if (packet->data) {
    auto rebuilt = admit::reconstruct_sio_binary(*packet->data, attachments);
    if (rebuilt) {
      admit::SioPacket full = *packet;
      full.data = *rebuilt;
      auto encoded = admit::encode_sio_packet(full);
      (void)admit::decode_sio_packet(encoded.header);
    }
  }
  auto encoded = admit::encode_sio_packet(*packet);
  auto again = admit::decode_sio_packet(encoded.header);
  if (!again || again->type != packet->type || again->id != packet->id) std::abort();
  return 0;
}
