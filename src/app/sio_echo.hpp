#pragma once

#include <cstdint>
#include <string>

namespace admit {

// `admit sio-echo`: the servers the Engine.IO and Socket.IO conformance test suites expect, on one
// port. Engine.IO alone at /engine.io/ echoes every message; Socket.IO at /socket.io/ has the
// namespaces "/" and "/custom" of the suites' reference server.
int run_sio_echo(const std::string& host, std::uint16_t port, const std::string& port_file);

}  // namespace admit
