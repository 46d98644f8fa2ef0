#pragma once

#include <string_view>

#include "realtime/engineio/engineio_packet.hpp"

namespace admit {

// What an Engine.IO session delivers upwards (to Socket.IO, or to the echo of the conformance
// mode). Called from whichever I/O thread received the data, never concurrently for one session.
class EngineListener {
 public:
  virtual ~EngineListener() = default;
  virtual void on_message(EioPacket packet) = 0;
  // Once, when the session is over (the listener is released right after).
  virtual void on_close(std::string_view reason) = 0;
};

}  // namespace admit
