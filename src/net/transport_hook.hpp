#pragma once

#include <cstddef>
#include <string_view>

#include <boost/beast/core/tcp_stream.hpp>

#include "http/asio.hpp"

namespace admit {

// A protocol that shares the HTTP port under its own path (Engine.IO at /socket.io/): its requests
// skip the API pipeline, and a WebSocket upgrade hands it the connection for good.
class TransportHook {
 public:
  virtual ~TransportHook() = default;
  // Whether a request target (path and query) belongs to this hook.
  virtual bool matches(std::string_view target) const = 0;
  // The largest request body it accepts (a bigger one is refused with 413 before it is read).
  virtual std::size_t body_limit() const = 0;
  // A plain HTTP request (long-polling GET/POST, or a refused one).
  virtual Task<HttpResponse> handle(HttpRequest request) = 0;
  // A WebSocket upgrade request: the hook owns the stream from here on; the call returns when the
  // WebSocket is over.
  virtual Task<void> take_websocket(beast::tcp_stream& stream, HttpRequest request) = 0;
  // The server is stopping: close every session so that parked requests answer at once.
  virtual void stop() = 0;
};

}  // namespace admit
