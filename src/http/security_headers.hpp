#pragma once

#include <string_view>

#include "http/asio.hpp"

namespace admit {

// The headers every response carries against content sniffing, framing, referrer leaks and
// cross-origin embedding (helmet's set, which the reference sends), with a Content-Security-Policy
// written for admit's own web UI: scripts and styles from the server only, WebAssembly for the
// QR decoder, the camera stream and generated images as blob:/data: URLs, Socket.IO to the same
// origin. HSTS only when the deployment says it is served over TLS (`--hsts`): on plain HTTP it
// would do nothing, and on a wrongly configured host it locks browsers out for a year.
class SecurityHeaders {
 public:
  explicit SecurityHeaders(bool hsts = false) : hsts_(hsts) {}

  void apply(HttpResponse& response) const;

  static constexpr std::string_view kContentSecurityPolicy =
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
      "font-src 'self'; connect-src 'self'; media-src 'self' blob:; worker-src 'self' blob:; "
      "manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
  static constexpr std::string_view kStrictTransportSecurity = "max-age=31536000; includeSubDomains";

 private:
  bool hsts_;
};

}  // namespace admit
