// The Engine.IO v4 decoders (realtime/engineio): a single packet, a long-polling payload and
// base64. Whatever decodes must encode back to text that decodes to the same packets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "realtime/engineio/base64.hpp"
#include "realtime/engineio/engineio_packet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto packet = admit::decode_eio_packet(text)) {
    auto again = admit::decode_eio_packet(admit::encode_eio_packet(*packet));
    if (!again || !(*again == *packet)) std::abort();
  }
  if (auto packets = admit::decode_eio_payload(text)) {
    // A text packet holding the separator cannot round-trip (the reference has the same limit).
    bool separable = true;
    for (const auto& p : *packets)
      separable = separable && (p.binary || p.data.find(admit::kEioRecordSeparator) == std::string::npos);
    if (separable) {
      auto again = admit::decode_eio_payload(admit::encode_eio_payload(*packets));
      if (!again || *again != *packets) std::abort();
    }
  }
  if (auto bytes = admit::base64_decode(text)) {
    if (admit::base64_decode(admit::base64_encode(*bytes)) != bytes) std::abort();
  }
  auto frame = admit::decode_eio_binary_frame(text);
  if (frame.data != text) std::abort();
  return 0;
}
