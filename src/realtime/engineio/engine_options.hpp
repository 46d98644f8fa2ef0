#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace admit {

class CorsPolicy;

// Engine.IO server settings; the defaults are the reference server's.
struct EngineOptions {
  std::string path = "/socket.io/";
  std::chrono::milliseconds ping_interval{25000};
  std::chrono::milliseconds ping_timeout{20000};
  std::chrono::milliseconds upgrade_timeout{10000};
  std::size_t max_payload = 1'000'000;
  // Outbound bytes a session may have waiting before it counts as a slow consumer and is dropped.
  std::size_t max_queued_bytes = std::size_t{8} * 1024 * 1024;
  // The origins whose pages may poll (the API's --cors-origin list); null: any origin (sio-echo).
  const CorsPolicy* cors = nullptr;
};

}  // namespace admit
